import { desc, eq, inArray } from 'drizzle-orm';
import type { RequestStatus } from '@/lib/account-requests/schema';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { isUuid } from '@/lib/db/ids';
import { accountRequests } from '@/lib/db/schema';

/** Customer service's queue of account-opening requests. */
export const QUEUE_LIMIT = 50;

export type QueueFilter = RequestStatus | 'all' | 'open';

export function queueFilter(raw: string | undefined): QueueFilter {
  return raw === 'new' || raw === 'in_progress' || raw === 'done' || raw === 'rejected' || raw === 'all' ? raw : 'open';
}

/** The latest 50 account-opening requests; by default those still to be handled. */
export async function listRequests(filter: QueueFilter) {
  const where =
    filter === 'all' ? undefined : filter === 'open' ? inArray(accountRequests.status, ['new', 'in_progress']) : eq(accountRequests.status, filter);
  return getDb()
    .select({
      id: accountRequests.id,
      name: accountRequests.name,
      organisation: accountRequests.organisation,
      email: accountRequests.email,
      status: accountRequests.status,
      createdAt: accountRequests.createdAt,
    })
    .from(accountRequests)
    .where(where)
    .orderBy(desc(accountRequests.createdAt))
    .limit(QUEUE_LIMIT);
}

export async function findRequest(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb().select().from(accountRequests).where(eq(accountRequests.id, id)).limit(1);
  return row ?? null;
}

/** Sets an account-opening request's status and staff notes. */
export async function updateAccountRequest(requestId: string, values: { status: RequestStatus; notes: string }, actor: Actor): Promise<boolean> {
  const [row] = await getDb()
    .update(accountRequests)
    .set({ ...values, updatedAt: now() })
    .where(eq(accountRequests.id, requestId))
    .returning({ accountId: accountRequests.accountId });
  if (!row) return false;
  await audit({
    type: 'admin_request_updated',
    accountId: row.accountId,
    actorId: actor.id,
    request: actor.request,
    details: { requestId, status: values.status },
  });
  return true;
}
