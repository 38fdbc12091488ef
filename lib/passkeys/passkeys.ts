import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { COSEALG, isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, count, eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { SessionUser } from '@/lib/sessions/sessions';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, passkeys, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { answeredChallenge, CHALLENGE_TTL_MS, issueChallenge, takeChallenge } from '@/lib/passkeys/challenges';
import { MAX_PASSKEY_NAME } from '@/lib/passkeys/limits';
import { relyingParty } from '@/lib/passkeys/relying-party';
import { hasConfirmedTotp } from '@/lib/second-factor/factors';

type RegistrationResponse = Parameters<typeof verifyRegistrationResponse>[0]['response'];
type AuthenticationResponse = Parameters<typeof verifyAuthenticationResponse>[0]['response'];
type Transport = NonNullable<RegistrationResponse['response']['transports']>[number];

// A browser's answer is a few kilobytes; anything much larger is not one.
const MAX_RESPONSE_CHARS = 64 * 1024;

/** Why an answer was refused; 'unverified': staff signing in with a passkey that did not check who holds it. */
export type PasskeyRefusal = 'expired' | 'unknown' | 'otherAccount' | 'refused' | 'unverified';

/** A browser's JSON answer, read defensively: it comes from anyone. */
function parseResponse<T extends { id: string; response: object }>(raw: unknown): T | null {
  if (typeof raw !== 'string' || raw.length > MAX_RESPONSE_CHARS) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object') return null;
    const { id, rawId, type, response } = value as Record<string, unknown>;
    if (typeof id !== 'string' || typeof rawId !== 'string' || type !== 'public-key' || !response || typeof response !== 'object') return null;
    return value as T;
  } catch {
    return null;
  }
}

/** How a stored passkey is named to the browser and the library: its id and where it lives. */
const descriptor = (key: { id: string; transports: string[] | null }) => ({ id: key.id, transports: (key.transports ?? undefined) as Transport[] | undefined });

// The key types a new passkey may have, offered and then checked. The library's default depends on
// the runtime (ML-DSA-44 comes first where WebCrypto has it: Node 24.7 and later); named here,
// every instance offers and accepts the same list, and a passkey made through one is checked by all.
const ALGORITHMS = [COSEALG.EdDSA, COSEALG.ES256, COSEALG.RS256];

function userHandleText(handle: string): string | null {
  return isoBase64URL.isBase64URL(handle) ? Buffer.from(handle, 'base64url').toString('utf8') : null;
}

export async function accountPasskeys(accountId: string) {
  return getDb().select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(passkeys.createdAt);
}

/** Options for navigator.credentials.create(), and the key for the browser's challenge cookie (`browserKey` when it has one). */
export async function registrationOptions(user: Pick<SessionUser, 'id' | 'identifier' | 'name'>, browserKey?: string) {
  const { rpID, rpName } = relyingParty();
  const existing = await accountPasskeys(user.id);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    // The account id's UTF-8 bytes: what passkeys made before version 13 of the library hold too.
    userID: new TextEncoder().encode(user.id),
    userName: user.identifier,
    userDisplayName: user.name || user.identifier,
    challenge: randomBytes(32),
    timeout: CHALLENGE_TTL_MS,
    attestationType: 'none',
    supportedAlgorithmIDs: ALGORITHMS,
    // One passkey per authenticator: the browser says so instead of making a second.
    excludeCredentials: existing.map(descriptor),
    // Discoverable, so that it signs in without typing an identifier.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const token = await issueChallenge('register', user.id, options.challenge, browserKey);
  return { options, token };
}

/** Checks the browser's new credential against this browser's challenge and keeps it. */
export async function finishRegistration(
  user: Pick<SessionUser, 'id' | 'identifier'>,
  name: string,
  raw: unknown,
  token: string | undefined,
  request: RequestInfo,
): Promise<{ ok: true; id: string } | { ok: false; reason: PasskeyRefusal }> {
  const refuse = async (reason: PasskeyRefusal) => {
    await audit({ type: 'passkey_failed', accountId: user.id, identifier: user.identifier, request, details: { reason, during: 'registration' } });
    return { ok: false as const, reason };
  };
  const response = parseResponse<RegistrationResponse>(raw);
  if (!response) return refuse('refused');
  const taken = await takeChallenge(token, 'register', answeredChallenge(response));
  if (taken === 'expired') return refuse('expired');
  if (taken.accountId !== user.id) return refuse('otherAccount');
  const { rpID, origin } = relyingParty();
  let info;
  try {
    const verification = await verifyRegistrationResponse({ response, expectedChallenge: taken.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false, supportedAlgorithmIDs: ALGORITHMS });
    info = verification.verified ? verification.registrationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) return refuse('refused');
  const { id, publicKey, counter } = info.credential;
  const [added] = await getDb()
    .insert(passkeys)
    .values({
      id,
      accountId: user.id,
      name: name.trim().slice(0, MAX_PASSKEY_NAME) || defaultName(),
      publicKey: isoBase64URL.fromBuffer(publicKey),
      counter,
      transports: response.response.transports ?? null,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      createdAt: now(),
    })
    .onConflictDoNothing()
    .returning({ id: passkeys.id });
  if (!added) return refuse('refused');
  await audit({ type: 'passkey_added', accountId: user.id, identifier: user.identifier, request, details: { passkey: id.slice(0, 12), backedUp: info.credentialBackedUp } });
  return { ok: true, id };
}

const defaultName = () => `Clé d’accès ${now().toISOString().slice(0, 10)}`;

/**
 * Options for navigator.credentials.get(). For a sign-in (`accountId` null) any passkey of this
 * site may answer; as a second step after a password, only the account's own.
 */
export async function authenticationOptions(accountId: string | null, browserKey?: string) {
  const allow = accountId ? await accountPasskeys(accountId) : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: randomBytes(32),
    timeout: CHALLENGE_TTL_MS,
    userVerification: 'preferred',
    allowCredentials: allow.map(descriptor),
  });
  const token = await issueChallenge('authenticate', accountId, options.challenge, browserKey);
  return { options, token };
}

/**
 * Checks an assertion: this browser's challenge (single-use, 5 minutes), a passkey we hold, for
 * the account the challenge was issued for, signed for this origin and RP ID, with a signature
 * counter that moved forward. The counter and backup flags are stored in the statement that
 * accepts it; two requests racing with one assertion get one success.
 */
export async function verifyPasskey(
  raw: unknown,
  token: string | undefined,
  expectedAccountId: string | null,
  request: RequestInfo,
): Promise<{ ok: true; account: Account; passkeyId: string } | { ok: false; reason: PasskeyRefusal }> {
  const failed = async (reason: PasskeyRefusal, account?: Pick<Account, 'id' | 'identifier'>) => {
    await audit({ type: 'passkey_failed', accountId: account?.id ?? null, identifier: account?.identifier ?? null, request, details: { reason, during: expectedAccountId ? 'second_factor' : 'sign_in' } });
    return { ok: false as const, reason };
  };
  const response = parseResponse<AuthenticationResponse>(raw);
  if (!response) return failed('refused');
  const taken = await takeChallenge(token, 'authenticate', answeredChallenge(response));
  if (taken === 'expired') return failed('expired');
  const [row] = await getDb().select({ key: passkeys, account: accounts }).from(passkeys).innerJoin(accounts, eq(accounts.id, passkeys.accountId)).where(eq(passkeys.id, response.id)).limit(1);
  // A passkey removed from /espace (or never ours) no longer opens anything.
  if (!row) return failed('unknown');
  const { key, account } = row;
  if (taken.accountId !== expectedAccountId || (expectedAccountId !== null && key.accountId !== expectedAccountId)) return failed('otherAccount', account);
  // The user handle comes back in base64url: the account id's bytes, as registered.
  const userHandle = response.response.userHandle;
  if (userHandle && userHandleText(userHandle) !== key.accountId) return failed('otherAccount', account);
  if (account.status !== 'active') return failed('refused', account);
  const { rpID, origin } = relyingParty();
  let info;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { ...descriptor(key), publicKey: isoBase64URL.toBuffer(key.publicKey), counter: key.counter },
      requireUserVerification: false,
    });
    info = verification.verified ? verification.authenticationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) return failed('refused', account);
  // A passkey signs in alone because it is two factors: the device, and the PIN, fingerprint or face
  // that unlocks it. An authenticator that did not check that (no UV flag: a security key without a
  // PIN) is one factor; for staff that is not enough to open /admin, so their sign-in is refused
  // (the password and a code, or a passkey that checks, still work). As the second step after a
  // password, possession is what is asked, and the flag does not matter.
  if (expectedAccountId === null && account.role === 'admin' && !info.userVerified) return failed('unverified', account);
  const [stored] = await getDb()
    .update(passkeys)
    .set({ counter: info.newCounter, backedUp: info.credentialBackedUp, deviceType: info.credentialDeviceType, lastUsedAt: now() })
    .where(and(eq(passkeys.id, key.id), eq(passkeys.counter, key.counter)))
    .returning({ id: passkeys.id });
  if (!stored) return failed('refused', account);
  await audit({ type: 'passkey_used', accountId: account.id, identifier: account.identifier, request, details: { passkey: key.id.slice(0, 12), during: expectedAccountId ? 'second_factor' : 'sign_in' } });
  return { ok: true, account, passkeyId: key.id };
}

export async function renamePasskey(user: Pick<SessionUser, 'id' | 'identifier'>, id: string, name: string, request: RequestInfo): Promise<boolean> {
  const trimmed = name.trim().slice(0, MAX_PASSKEY_NAME);
  if (!trimmed) return false;
  const renamed = await getDb().update(passkeys).set({ name: trimmed }).where(and(eq(passkeys.id, id), eq(passkeys.accountId, user.id))).returning({ id: passkeys.id });
  if (renamed.length === 0) return false;
  await audit({ type: 'passkey_renamed', accountId: user.id, identifier: user.identifier, request, details: { passkey: id.slice(0, 12) } });
  return true;
}

/** Removes one of the person's passkeys; staff keep at least one factor. */
export async function removePasskey(
  user: Pick<SessionUser, 'id' | 'identifier' | 'role'>,
  id: string,
  request: RequestInfo,
): Promise<{ ok: true } | { ok: false; reason: 'none' | 'lastFactor' }> {
  if (user.role === 'admin') {
    const [{ n }] = await getDb().select({ n: count() }).from(passkeys).where(eq(passkeys.accountId, user.id));
    if (n <= 1 && !(await hasConfirmedTotp(user.id))) return { ok: false, reason: 'lastFactor' };
  }
  const removed = await getDb().delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.accountId, user.id))).returning({ id: passkeys.id });
  if (removed.length === 0) return { ok: false, reason: 'none' };
  await audit({ type: 'passkey_removed', accountId: user.id, identifier: user.identifier, request, details: { passkey: id.slice(0, 12) } });
  return { ok: true };
}
