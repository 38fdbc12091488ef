import { HashPoolBusy, withPoolShare } from '@/lib/crypto/hash-pool';
import { verifyPassword } from '@/lib/crypto/password-hash';
import type { Account } from '@/lib/db/schema';
import { addressBucket } from '@/lib/http/client-address';
import type { RequestInfo } from '@/lib/http/request-info';
import { MAX_PASSWORD_INPUT } from '@/lib/passwords/length';
import { reserveLoginAttempt } from '@/lib/throttles/login';

export type CurrentPasswordCheck =
  | { ok: true }
  | { ok: false; reason: 'empty' | 'wrong' }
  | { ok: false; reason: 'throttled'; retryAfterMinutes: number };

/**
 * The current password, asked again of a signed-in person (changing the password or the email,
 * removing a factor). It counts towards the login throttle like a sign-in, so a session left open
 * is no way to guess it: the attempt is reserved first, a wrong one stays counted, a right one is
 * forgotten, but stays counted in the budget of checks (lib/throttles/login.ts). When the hashing
 * pool is full, or the address has its fair share of it in flight, nothing counts and HashPoolBusy
 * is thrown on, for the caller to say the service is busy.
 */
export async function checkCurrentPassword(
  account: Pick<Account, 'identifier'> & { passwordHash: string },
  typed: string,
  request: RequestInfo,
): Promise<CurrentPasswordCheck> {
  // One address's fair share of the hashing pool, as for a sign-in (lib/sign-in/password.ts).
  return withPoolShare(addressBucket(request.ip), () => reserveAndCheck(account, typed, request));
}

async function reserveAndCheck(account: Pick<Account, 'identifier'> & { passwordHash: string }, typed: string, request: RequestInfo): Promise<CurrentPasswordCheck> {
  const reserved = await reserveLoginAttempt(account.identifier, request.ip);
  if (!reserved.ok) return { ok: false, reason: 'throttled', retryAfterMinutes: reserved.retryAfterMinutes };
  const current = typed.slice(0, MAX_PASSWORD_INPUT);
  if (current === '') {
    await reserved.reservation.untried();
    return { ok: false, reason: 'empty' };
  }
  let matches: boolean;
  try {
    matches = await verifyPassword(current, account.passwordHash);
  } catch (error) {
    if (error instanceof HashPoolBusy) await reserved.reservation.untried();
    throw error;
  }
  if (!matches) return { ok: false, reason: 'wrong' };
  await reserved.reservation.succeeded();
  return { ok: true };
}
