import { eq, sql } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { throttles } from '@/lib/db/schema';

/**
 * Fixed-window counters in the database, shared by every instance: `hit` counts one event and says
 * whether it is still within `limit` for the current window of `windowMs`.
 */
export async function hit(key: string, limit: number, windowMs: number): Promise<boolean> {
  const at = now();
  // Raw SQL parameters must be strings: postgres.js does not serialise a Date there.
  const windowStart = sql`${new Date(at.getTime() - windowMs).toISOString()}::timestamptz`;
  const atSql = sql`${at.toISOString()}::timestamptz`;
  const [row] = await getDb()
    .insert(throttles)
    .values({ key, count: 1, windowStartedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        // A window that has run out starts again from this event.
        count: sql`case when ${throttles.windowStartedAt} <= ${windowStart} then 1 else ${throttles.count} + 1 end`,
        windowStartedAt: sql`case when ${throttles.windowStartedAt} <= ${windowStart} then ${atSql} else ${throttles.windowStartedAt} end`,
        updatedAt: at,
      },
    })
    .returning({ count: throttles.count });
  return row.count <= limit;
}

/** How long until the window of `key` lets events through again (0 when it already does). */
export async function blockedFor(key: string, limit: number, windowMs: number): Promise<number> {
  const [row] = await getDb().select().from(throttles).where(eq(throttles.key, key)).limit(1);
  if (!row || row.count < limit) return 0;
  return Math.max(0, row.windowStartedAt.getTime() + windowMs - now().getTime());
}
