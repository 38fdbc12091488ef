import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { HashPoolBusy } from '@/lib/crypto/hash-pool';
import type { SessionUser } from '@/lib/sessions/sessions';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import type { FormMessage } from '@/lib/forms/state';
import type { RequestInfo } from '@/lib/http/request-info';
import { checkCurrentPassword, type CurrentPasswordCheck } from '@/lib/passwords/current-password';
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
    if (result.ok) return { ok: true };
    // Locked app codes leave the password, which this same field takes.
    if (result.reason === 'locked') return { ok: false, message: { key: 'secondFactor.errors.confirmLocked' } };
    return { ok: false, message: result.reason === 'wrong' ? { key: 'secondFactor.errors.confirmWrong' } : refusalMessage(result) };
  }
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, user.id)).limit(1);
  if (!account?.passwordHash) return { ok: false, message: { key: 'secondFactor.errors.confirmWrong' } };
  let check: CurrentPasswordCheck;
  try {
    check = await checkCurrentPassword({ ...account, passwordHash: account.passwordHash }, typed, request);
  } catch (error) {
    if (!(error instanceof HashPoolBusy)) throw error;
    return { ok: false, message: { key: 'busy.body' } };
  }
  if (!check.ok && check.reason === 'throttled') return { ok: false, message: { key: 'signIn.throttled', values: { minutes: check.retryAfterMinutes } } };
  if (!check.ok) {
    await audit({ type: 'sign_in_failed', accountId: account.id, identifier: account.identifier, request, details: { reason: 'password', during: 'confirmation' } });
    return { ok: false, message: { key: 'secondFactor.errors.confirmWrong' } };
  }
  return { ok: true };
}
