import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import type { FormMessage } from '@/lib/forms/state';
import type { RequestInfo } from '@/lib/http/request-info';
import { emailAccount } from '@/lib/mail/account-email';
import { secondFactorRemovedEmail } from '@/lib/mail/templates/second-factor-removed';
import type { SessionUser } from '@/lib/sessions/sessions';
import { confirmIdentity } from '@/lib/second-factor/confirm-identity';
import { removeTotp } from '@/lib/second-factor/factors';
import { clearCodeAttempts, codesLocked } from '@/lib/throttles/codes';

export type StaffRemoval = 'removed' | 'none' | 'lastFactor' | 'notFound' | { unconfirmed: FormMessage };

/**
 * Customer service removes a holder's authenticator app (a lost phone, the recovery codes with
 * it), after giving their own password or a code from their own app again: a staff session left
 * open is not enough to strip a member's second step. Audited with the admin as actor; the holder
 * gets an email, so a removal they did not ask for does not go unnoticed. An admin's last factor
 * stays.
 */
export async function staffRemoveTotp(accountId: string, staff: { admin: SessionUser; confirm: string; request: RequestInfo }): Promise<StaffRemoval> {
  const { admin, request } = staff;
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) return 'notFound';
  const confirmed = await confirmIdentity(admin, staff.confirm, request);
  if (!confirmed.ok) return { unconfirmed: confirmed.message };
  const result = await removeTotp(account, request, { id: admin.id, request });
  if (!result.ok) return result.reason;
  await emailAccount('second_factor_removed', account, (letterhead) =>
    secondFactorRemovedEmail({ ...letterhead, identifier: account.identifier, name: account.name }),
  );
  return 'removed';
}

/**
 * Customer service opens the app's codes again after too many wrong ones in a row, once the
 * holder is known to be who they say (a holder who lost the phone needs the app removed instead).
 * Audited with the admin as actor; `notLocked` when there was nothing to open.
 */
export async function staffUnlockCodes(accountId: string, actor: { id: string; request: RequestInfo }): Promise<'unlocked' | 'notLocked' | 'notFound'> {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) return 'notFound';
  if (!(await codesLocked(account.id))) return 'notLocked';
  await clearCodeAttempts(account.id);
  await audit({ type: 'second_factor_unlocked', accountId: account.id, identifier: account.identifier, actorId: actor.id, request: actor.request });
  return 'unlocked';
}
