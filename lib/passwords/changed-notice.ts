import { emailLocaleOf } from '@/lib/accounts/email-locale';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import type { Account } from '@/lib/db/schema';
import { deliverDueEmails, enqueueEmail } from '@/lib/mail/queue';
import { passwordChangedEmail } from '@/lib/mail/templates/password-changed';
import type { RequestInfo } from '@/lib/http/request-info';

/** Tells the holder that their password changed, so they can react if it was not them. */
export async function notifyPasswordChanged(
  account: Account,
  how: 'reset' | 'change',
  request: RequestInfo,
  details: { sessionsEnded: number },
): Promise<void> {
  const config = getConfig();
  const at = now();
  await audit({ type: how === 'reset' ? 'reset_completed' : 'password_changed', accountId: account.id, identifier: account.identifier, request, details });
  await enqueueEmail({
    kind: 'password_changed',
    to: account.email,
    accountId: account.id,
    idempotencyKey: `password-changed/${account.id}/${at.getTime()}`,
    ...passwordChangedEmail({
      locale: emailLocaleOf(account),
      orgName: config.orgName,
      identifier: account.identifier,
      name: account.name,
      supportEmail: config.supportEmail,
      appUrl: config.appUrl,
      at,
    }),
  });
  await deliverDueEmails();
}
