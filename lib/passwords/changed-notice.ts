import { audit } from '@/lib/audit';
import type { Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { emailAccount } from '@/lib/mail/account-email';
import { deliverDueEmails } from '@/lib/mail/queue';
import { passwordChangedEmail } from '@/lib/mail/templates/password-changed';

/** Tells the holder that their password changed, so they can react if it was not them. */
export async function notifyPasswordChanged(
  account: Account,
  how: 'reset' | 'change',
  request: RequestInfo,
  details: { sessionsEnded: number },
): Promise<void> {
  await audit({ type: how === 'reset' ? 'reset_completed' : 'password_changed', accountId: account.id, identifier: account.identifier, request, details });
  await emailAccount('password_changed', account, (letterhead) =>
    passwordChangedEmail({ ...letterhead, identifier: account.identifier, name: account.name }),
  );
  await deliverDueEmails();
}
