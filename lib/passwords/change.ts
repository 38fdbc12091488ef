import { eq } from 'drizzle-orm';
import { hashPassword } from '@/lib/crypto/password-hash';
import { endAccountSessions, type SessionUser } from '@/lib/sessions/sessions';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import type { MessageKey } from '@/lib/i18n/messages';
import { checkCurrentPassword } from '@/lib/passwords/current-password';
import { newPasswordErrors } from '@/lib/passwords/new-password';
import type { ChangePasswordField, ChangePasswordValues } from '@/lib/passwords/new-password-schema';
import { revokeLinks } from '@/lib/password-links/tokens';

export type ChangeResult =
  | { outcome: 'changed'; account: Account; sessionsEnded: number }
  | { outcome: 'throttled'; retryAfterMinutes: number }
  | { outcome: 'refused'; errors: Partial<Record<ChangePasswordField, MessageKey>> }
  /** The account has no password to change (it was disabled or reset meanwhile). */
  | { outcome: 'noPassword' };

/**
 * Changes the password of the signed-in person. The current password is required, and wrong ones
 * count towards the login throttle like wrong passwords at sign-in; once changed, every other
 * session and every emailed link of the account ends.
 */
export async function changePassword(user: SessionUser, values: ChangePasswordValues, request: RequestInfo): Promise<ChangeResult> {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, user.id)).limit(1);
  // A password still imported from the old site is never asked for here: a session opens only
  // once the sign-in has converted it (lib/sign-in/imported-password.ts), and a reset removes it.
  if (!account?.passwordHash) return { outcome: 'noPassword' };

  // A full hashing pool throws on: nothing was checked or counted, and the caller says so.
  const current = await checkCurrentPassword({ ...account, passwordHash: account.passwordHash }, values.current, request);
  const errors = newPasswordErrors(values, account);
  if (!current.ok && current.reason === 'throttled') return { outcome: 'throttled', retryAfterMinutes: current.retryAfterMinutes };
  if (!current.ok) return { outcome: 'refused', errors: { ...errors, current: current.reason === 'empty' ? 'fields.required' : 'password.wrongCurrent' } };
  if (errors) return { outcome: 'refused', errors };

  const at = now();
  const passwordHash = await hashPassword(values.password);
  // The new password replaces any imported one too (issue 19).
  await getDb()
    .update(accounts)
    .set({ passwordHash, importedPasswordHash: null, passwordImportedAt: null, passwordChangedAt: at, updatedAt: at })
    .where(eq(accounts.id, account.id));
  await revokeLinks(account.id, at);
  const sessionsEnded = await endAccountSessions(account.id, 'password_changed', user.sessionId);
  return { outcome: 'changed', account, sessionsEnded };
}
