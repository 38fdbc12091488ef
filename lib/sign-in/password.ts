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
import { checkImportedPassword, convertImportedHash } from '@/lib/sign-in/imported-password';
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
 * the time taken says nothing about the account, and every refusal looks the same. An account
 * still on a hash imported from the old site costs the pool the same one task, whose work a wrong
 * password pads to one bcrypt at BCRYPT_COST (imported-password.ts), and is converted before its
 * session opens.
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
  const usable = account && account.status === 'active' && (account.passwordHash || account.importedPasswordHash) ? account : null;
  // An account whose password Sésame never hashed still holds the one imported from the old site:
  // checked as its software would, in the same time as a normal comparison (imported-password.ts).
  const imported = usable && !usable.passwordHash ? usable.importedPasswordHash : null;
  let check: PasswordCheck;
  let conversion: string | null = null;
  try {
    if (imported) {
      const result = await checkImportedPassword(password, imported);
      check = { matches: result.matches, matchedUnnormalised: false };
      if (result.matches) conversion = result.passwordHash;
    } else {
      check = await checkPassword(password, usable?.passwordHash ?? (await dummyHash()));
    }
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

  if (imported && conversion) {
    // Converted before any session opens: a session never outlives its imported hash.
    const converted = await convertImportedHash(usable, imported, conversion, request);
    if (converted === 'raced') {
      // Another sign-in with this password converted it a moment ago: the next attempt compares
      // with that hash. Nothing counted, as for any busy answer.
      await reserved.reservation.untried();
      return { ok: false, reason: 'busy' };
    }
    if (converted === 'replaced') {
      // A reset or a password change won: the imported password opens nothing any more.
      await audit({ type: 'sign_in_failed', accountId: usable.id, identifier: parsed.value, request, details: { reason: 'password_replaced' } });
      return { ok: false, reason: 'invalid' };
    }
  }

  const upgrade = !imported && (check.matchedUnnormalised || needsRehash(usable.passwordHash!)) ? await rehash(password) : null;
  // An imported hash left beside a password Sésame hashed (the import should not write one there)
  // goes at its holder's sign-in, as at a reset.
  const leftover = !imported && usable.importedPasswordHash !== null ? { importedPasswordHash: null, passwordImportedAt: null } : null;
  const changes = upgrade || leftover ? { ...upgrade, ...leftover } : null;
  // Independent of one another, so sent together: on a busy server every round trip waits its turn.
  const [, , opened] = await Promise.all([
    reserved.reservation.succeeded(usable.identifier),
    changes && getDb().update(accounts).set(changes).where(eq(accounts.id, usable.id)),
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
