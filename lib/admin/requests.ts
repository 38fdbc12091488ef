import { eq } from 'drizzle-orm';
import type { Actor } from '@/lib/admin/accounts';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accountRequests } from '@/lib/db/schema';
import type { RequestStatus } from '@/lib/schemas/admin';

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
