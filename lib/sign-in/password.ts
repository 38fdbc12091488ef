import { eq } from 'drizzle-orm';
import { findAccountForSignIn } from '@/lib/accounts/queries';
import { audit } from '@/lib/audit';
import { HashPoolBusy, hashPoolFull, withPoolShare } from '@/lib/crypto/hash-pool';
import { reserveLoginAttempt } from '@/lib/throttles/login';
import { checkPassword, dummyHash, hashPassword, needsRehash, verifyPassword, type PasswordCheck } from '@/lib/crypto/password-hash';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { addressBucket } from '@/lib/http/client-address';
import type { RequestInfo } from '@/lib/http/request-info';
import { identifierCandidates } from '@/lib/identifiers/candidates';
import { parseIdentifier, type Identifier } from '@/lib/identifiers/parse';
import { MAX_PASSWORD_INPUT } from '@/lib/passwords/length';
import { openSession, type OpenedSession } from '@/lib/sign-in/open-session';

/**
 * The identifier as typed, or as the sign-in form already parsed it (`parsed`, see
 * credentials.ts; null when what crossed Auth.js was not one).
 */
export type SignInAttempt = ({ identifier: unknown } | { parsed: Identifier | null }) & { password: unknown; remember: boolean };

export type SignInResult =
  | ({ ok: true; identifier: string } & OpenedSession)
  | { ok: false; reason: 'invalid' }
  /** `untilReset`: the identifier is locked; waiting will not help, a reset or a passkey will. */
  | { ok: false; reason: 'throttled'; retryAfterMinutes: number; untilReset: boolean }
  /** Too many passwords are being checked right now: nothing was checked and nothing counted. */
  | { ok: false; reason: 'busy' };

/**
 * A sign-in with an identifier and a password. The attempt is reserved against the throttles first; a throttled
 * one is answered without any bcrypt (the answer cannot depend on the account). Otherwise exactly
 * one bcrypt comparison happens whatever the case (unknown, pending, disabled, shared email), so
 * the time taken says nothing about the account, and every refusal looks the same.
 *
 * Busy whoever asks, before any database work: when the hashing pool is full, and when the
 * address already has its fair share of the pool in flight (lib/crypto/hash-pool.ts), so that one
 * address looping on sign-ins, right passwords included, leaves room for everyone else.
 */
export async function signInWithPassword(attempt: SignInAttempt, request: RequestInfo): Promise<SignInResult> {
  if (hashPoolFull()) return { ok: false, reason: 'busy' };
  return busyOr(() => withPoolShare(addressBucket(request.ip), () => checkAndOpen(attempt, request)));
}

async function checkAndOpen(attempt: SignInAttempt, request: RequestInfo): Promise<SignInResult> {
  const password = typeof attempt.password === 'string' ? attempt.password : '';
  const parsed =
    'parsed' in attempt ? (attempt.parsed ? { ok: true as const, ...attempt.parsed } : null) : parseIdentifier(attempt.identifier, getConfig().identifierKinds);
  if (!parsed?.ok || password === '' || password.length > MAX_PASSWORD_INPUT) {
    // A full pool's HashPoolBusy reaches signInWithPassword's busyOr: nothing was counted yet.
    await verifyPassword(password.slice(0, MAX_PASSWORD_INPUT), await dummyHash());
    return { ok: false, reason: 'invalid' };
  }

  const kinds = getConfig().identifierKinds;
  // Five digits may be a client code or a licence without its zeros: both are counted.
  const reserved = await reserveLoginAttempt(
    identifierCandidates(parsed, kinds).map((c) => c.value),
    request.ip,
  );
  if (!reserved.ok) {
    await audit({ type: 'sign_in_throttled', identifier: parsed.value, request });
    return { ok: false, reason: 'throttled', retryAfterMinutes: reserved.retryAfterMinutes, untilReset: reserved.untilReset };
  }

  const account = await findAccountForSignIn(parsed, kinds);
  const usable = account && account.status === 'active' && account.passwordHash ? account : null;
  let check: PasswordCheck;
  try {
    check = await checkPassword(password, usable?.passwordHash ?? (await dummyHash()));
  } catch (error) {
    if (!(error instanceof HashPoolBusy)) throw error;
    await reserved.reservation.untried();
    return { ok: false, reason: 'busy' };
  }

  if (!usable || !check.matches) {
    await audit({
      type: 'sign_in_failed',
      accountId: account?.id,
      identifier: parsed.value,
      request,
      details: { reason: !account ? 'unknown' : account.status !== 'active' ? account.status : 'password' },
    });
    return { ok: false, reason: 'invalid' };
  }

  const upgrade = check.matchedUnnormalised || needsRehash(usable.passwordHash!) ? await rehash(password) : null;
  // Independent of one another, so sent together: on a busy server every round trip waits its turn.
  const [, , opened] = await Promise.all([
    reserved.reservation.succeeded(usable.identifier),
    upgrade && getDb().update(accounts).set(upgrade).where(eq(accounts.id, usable.id)),
    openSession(usable, 'password', { remember: attempt.remember, request }),
  ]);
  return { ok: true, identifier: usable.identifier, ...opened };
}

/** The answer of `check`, or "busy" when the hashing pool could not take the comparison. */
async function busyOr(check: () => Promise<SignInResult>): Promise<SignInResult> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof HashPoolBusy) return { ok: false, reason: 'busy' };
    throw error;
  }
}

/** A stronger hash of a password that just matched; left for the next sign-in when the pool is full. */
async function rehash(password: string): Promise<{ passwordHash: string } | null> {
  try {
    return { passwordHash: await hashPassword(password) };
  } catch (error) {
    if (error instanceof HashPoolBusy) return null;
    throw error;
  }
}
