import { and, eq, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { throttles } from '@/lib/db/schema';
import type { WindowedPolicy } from '@/lib/throttles/policies';

/**
 * Fixed-window counters in the database, shared by every instance. Each is one row of
 * `throttles`; concurrent requests for one key queue on that row, so a count is never lost.
 */

// Raw SQL parameters must be strings: postgres.js does not serialise a Date there.
export const timestamp = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** `hit` counts one event and says whether it is still within `limit` for the current window of `windowMs`. */
export async function hit(key: string, limit: number, windowMs: number): Promise<boolean> {
  const at = now();
  const windowStart = timestamp(new Date(at.getTime() - windowMs));
  const [row] = await getDb()
    .insert(throttles)
    .values({ key, count: 1, windowStartedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        // A window that has run out starts again from this event.
        count: sql`case when ${throttles.windowStartedAt} <= ${windowStart} then 1 else ${throttles.count} + 1 end`,
        windowStartedAt: sql`case when ${throttles.windowStartedAt} <= ${windowStart} then ${timestamp(at)} else ${throttles.windowStartedAt} end`,
        updatedAt: at,
      },
    })
    .returning({ count: throttles.count });
  return row.count <= limit;
}

/** `hit` under a policy of lib/throttles/policies.ts: the key it gives `parts`, its limit, its window. */
export function countWithinLimit<Parts extends unknown[]>(policy: WindowedPolicy<Parts>, ...parts: Parts): Promise<boolean> {
  return hit(policy.key(...parts), policy.limit, policy.windowMs);
}

/**
 * Takes one place in the window of `key` when one is left, and counts nothing when none is: the
 * place is taken before the work it guards, so a burst of requests gets exactly `limit` places.
 */
export async function reserve(key: string, limit: number, windowMs: number): Promise<boolean> {
  const at = now();
  const expired = lte(throttles.windowStartedAt, new Date(at.getTime() - windowMs));
  const count = await reserveRow(key, at, {
    set: {
      count: sql`case when ${expired} then 1 else ${throttles.count} + 1 end`,
      windowStartedAt: sql`case when ${expired} then ${timestamp(at)} else ${throttles.windowStartedAt} end`,
    },
    when: or(expired, lt(throttles.count, limit))!,
  });
  return count !== null;
}

/** Gives back a place `reserve` took, when what it guarded turned out not to count. */
export async function release(key: string): Promise<void> {
  await getDb()
    .update(throttles)
    .set({ count: sql`greatest(${throttles.count} - 1, 0)` })
    .where(eq(throttles.key, key));
}

/**
 * The conditional increment behind every reservation: one row update that takes place only `when`
 * the row allows it, or a new row counting 1. Two requests creating the row at once: the second
 * finds it made and updates it like any other.
 */
export async function reserveRow(key: string, at: Date, change: { set: Record<string, SQL>; when: SQL }): Promise<number | null> {
  const db = getDb();
  const update = () =>
    db
      .update(throttles)
      .set({ ...change.set, updatedAt: at })
      .where(and(eq(throttles.key, key), change.when))
      .returning({ count: throttles.count });
  const [updated] = await update();
  if (updated) return updated.count;
  const [inserted] = await db
    .insert(throttles)
    .values({ key, count: 1, windowStartedAt: at, updatedAt: at })
    .onConflictDoNothing({ target: throttles.key })
    .returning({ count: throttles.count });
  if (inserted) return inserted.count;
  const [retried] = await update();
  return retried?.count ?? null;
}

/** How long until the window of `key` lets events through again (0 when it already does). */
export async function blockedFor(key: string, limit: number, windowMs: number): Promise<number> {
  const [row] = await getDb().select().from(throttles).where(eq(throttles.key, key)).limit(1);
  if (!row || row.count < limit) return 0;
  return Math.max(0, row.windowStartedAt.getTime() + windowMs - now().getTime());
}
