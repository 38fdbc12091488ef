import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { HashPoolBusy } from '@/lib/crypto/hash-pool';
import { reserveLoginAttempt } from '@/lib/auth/login-throttle';
import { verifyPassword } from '@/lib/crypto/password-hash';
import type { SessionUser } from '@/lib/sessions/sessions';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import type { FormMessage } from '@/lib/forms/state';
import type { RequestInfo } from '@/lib/http/request-info';
import { MAX_PASSWORD_INPUT } from '@/lib/passwords/length';
import { hasConfirmedTotp, verifyCode } from '@/lib/second-factor/factors';
import { refusalMessage } from '@/lib/second-factor/form-state';

/**
 * Asks the person again before a factor is removed or replaced: the current password, or a code
 * from the app when they have one. Both are throttled as at sign-in (passwords by the login
 * throttle, codes per account), so a session left open is not a way to guess either.
 */
export async function confirmIdentity(user: SessionUser, input: string, request: RequestInfo): Promise<{ ok: true } | { ok: false; message: FormMessage }> {
  const typed = input.trim();
  if (typed === '') return { ok: false, message: { key: 'secondFactor.errors.required' } };
  if (/^\d{6}$/.test(typed) && (await hasConfirmedTotp(user.id))) {
    const result = await verifyCode(user, typed, request, { allowRecovery: false, during: 'confirmation' });
    return result.ok ? { ok: true } : { ok: false, message: result.reason === 'wrong' ? { key: 'secondFactor.errors.confirmWrong' } : refusalMessage(result) };
  }
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, user.id)).limit(1);
  if (!account?.passwordHash) return { ok: false, message: { key: 'secondFactor.errors.confirmWrong' } };
  const reserved = await reserveLoginAttempt(account.identifier, request.ip);
  if (!reserved.ok) return { ok: false, message: { key: 'signIn.throttled', values: { minutes: reserved.retryAfterMinutes } } };
  let matches: boolean;
  try {
    matches = await verifyPassword(typed.slice(0, MAX_PASSWORD_INPUT), account.passwordHash);
  } catch (error) {
    if (!(error instanceof HashPoolBusy)) throw error;
    await reserved.reservation.untried();
    return { ok: false, message: { key: 'busy.body' } };
  }
  if (!matches) {
    await audit({ type: 'sign_in_failed', accountId: account.id, identifier: account.identifier, request, details: { reason: 'password', during: 'confirmation' } });
    return { ok: false, message: { key: 'secondFactor.errors.confirmWrong' } };
  }
  await reserved.reservation.succeeded();
  return { ok: true };
}
