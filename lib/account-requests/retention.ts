import { and, inArray, lt } from 'drizzle-orm';
import { accountRequests } from '@/lib/db/schema';
import { daysBefore, type Retention } from '@/lib/db/retention';

export const accountRequestRetention: Retention = {
  table: accountRequests,
  id: accountRequests.id,
  expired: (at, days) =>
    and(inArray(accountRequests.status, ['done', 'rejected']), lt(accountRequests.updatedAt, daysBefore(at, days.accountRequestDays)))!,
  reason: 'Done or rejected, untouched for ACCOUNT_REQUEST_RETENTION_DAYS (names, phones, messages); an open request is never deleted.',
};
