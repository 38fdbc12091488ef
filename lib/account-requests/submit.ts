import { audit } from '@/lib/audit';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accountRequests } from '@/lib/db/schema';
import { parseIdentifier } from '@/lib/identifiers/parse';
import type { Locale } from '@/lib/i18n/messages';
import { deliverDueEmails, enqueueEmail } from '@/lib/mail/queue';
import { accountRequestNotificationEmail, accountRequestReceivedEmail } from '@/lib/mail/templates/account-request';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { countWithinLimit } from '@/lib/throttles/rate-limit';
import type { RequestInfo } from '@/lib/http/request-info';
import { requestReference } from '@/lib/account-requests/reference';
import type { AccountRequestValues } from '@/lib/account-requests/schema';

export const REQUESTS_PER_IP_HOUR = THROTTLE_POLICIES.openingAddress.limit;

/**
 * Stores an account-opening request, acknowledges it to the requester and tells customer service.
 * The same whether or not the person already has an account: the queue is where staff find out.
 * Beyond 5 requests per address per hour, requests are dropped without a word.
 *
 * The acknowledgement goes to whatever address was typed, so it repeats nothing typed (see
 * accountRequestReceivedEmail) and is capped: ACCOUNT_REQUEST_ACKS_PER_ADDRESS_PER_DAY (3) to one
 * address, ACCOUNT_REQUEST_ACKS_PER_DAY (200) in all. Past a cap the request is still stored and
 * customer service still told (their notification says no acknowledgement went out).
 */
export async function submitAccountRequest(values: AccountRequestValues, locale: Locale, request: RequestInfo): Promise<void> {
  if (!(await countWithinLimit(THROTTLE_POLICIES.openingAddress, request.ip))) {
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
  const reference = requestReference(row.id);
  const withheld = await acknowledgementWithheld(summary.email);
  await audit({ type: 'account_request', request, details: { requestId: row.id, acknowledged: !withheld, ...(withheld ? { capped: withheld } : {}) } });

  if (!withheld) {
    await enqueueEmail({
      template: 'account_request_received',
      to: summary.email,
      idempotencyKey: `account-request/${row.id}/received`,
      ...accountRequestReceivedEmail({ locale, orgName: config.orgName, supportEmail: config.supportEmail, reference }),
    });
  }
  await enqueueEmail({
    template: 'account_request_notification',
    to: config.supportEmail,
    idempotencyKey: `account-request/${row.id}/notification`,
    ...accountRequestNotificationEmail({
      orgName: config.orgName,
      adminUrl: `${config.appUrl}/admin/demandes/${row.id}`,
      request: summary,
      reference,
      acknowledged: !withheld,
    }),
  });
  await deliverDueEmails();
}

/**
 * Which daily cap, if any, keeps an acknowledgement to `email` from being sent: the address's own
 * first (a full address does not use up the day's total), then the day's total.
 */
async function acknowledgementWithheld(email: string): Promise<'address' | 'day' | null> {
  if (!(await countWithinLimit(THROTTLE_POLICIES.openingAckAddress, email))) return 'address';
  if (!(await countWithinLimit(THROTTLE_POLICIES.openingAckDay))) return 'day';
  return null;
}
