import { and, eq, isNull } from 'drizzle-orm';
import { now } from '@/lib/clock';
import type { Db } from '@/lib/db/client';
import { passwordLinks } from '@/lib/db/schema';

/** A transaction of `Db`: what `db.transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Makes every unused password link of an account unusable (marked used now), inside the caller's
 * transaction when it has one: the address the links were sent to is no longer the account's.
 * Returns how many were revoked.
 */
export async function revokeOutstandingLinks(db: Db | Tx, accountId: string, at = now()): Promise<number> {
  const revoked = await db
    .update(passwordLinks)
    .set({ usedAt: at })
    .where(and(eq(passwordLinks.accountId, accountId), isNull(passwordLinks.usedAt)))
    .returning({ id: passwordLinks.id });
  return revoked.length;
}
