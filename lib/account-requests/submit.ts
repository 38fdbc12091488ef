import { audit } from '@/lib/audit';
import { addressBucket } from '@/lib/http/client-address';
import { HOUR } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accountRequests } from '@/lib/db/schema';
import { parseIdentifier } from '@/lib/identifiers/parse';
import type { Locale } from '@/lib/i18n/messages';
import { deliverDueEmails, enqueueEmail } from '@/lib/mail/queue';
import { accountRequestNotificationEmail, accountRequestReceivedEmail } from '@/lib/mail/templates/account-request';
import { hit } from '@/lib/rate-limit';
import type { RequestInfo } from '@/lib/http/request-info';
import type { AccountRequestValues } from '@/lib/account-requests/schema';

export const REQUESTS_PER_IP_HOUR = 5;

/**
 * Stores an account-opening request, acknowledges it to the requester and tells customer service.
 * The same whether or not the person already has an account: the queue is where staff find out.
 * Beyond 5 requests per address per hour, requests are dropped without a word.
 */
export async function submitAccountRequest(values: AccountRequestValues, locale: Locale, request: RequestInfo): Promise<void> {
  if (!(await hit(`opening:ip:${addressBucket(request.ip)}`, REQUESTS_PER_IP_HOUR, HOUR))) {
    await audit({ type: 'account_request_throttled', request });
    return;
  }
  const config = getConfig();
  const parsed = values.identifier ? parseIdentifier(values.identifier, config.identifierKinds) : null;
  const summary = {
    name: values.name,
    organisation: values.organisation || null,
    identifier: parsed?.ok ? parsed.value : null,
    email: values.email,
    phone: values.phone || null,
    message: values.message,
  };
  const [row] = await getDb()
    .insert(accountRequests)
    .values({ ...summary, locale, ip: request.ip })
    .returning({ id: accountRequests.id });
  await audit({ type: 'account_request', request, details: { requestId: row.id } });

  await enqueueEmail({
    kind: 'account_request_received',
    to: summary.email,
    idempotencyKey: `account-request/${row.id}/received`,
    ...accountRequestReceivedEmail({ locale, orgName: config.orgName, supportEmail: config.supportEmail, request: summary }),
  });
  await enqueueEmail({
    kind: 'account_request_notification',
    to: config.supportEmail,
    idempotencyKey: `account-request/${row.id}/notification`,
    ...accountRequestNotificationEmail({ orgName: config.orgName, adminUrl: `${config.appUrl}/admin/demandes/${row.id}`, request: summary }),
  });
  await deliverDueEmails();
}
