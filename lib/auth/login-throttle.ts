import { eq, inArray, sql } from 'drizzle-orm';
import { MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { throttles } from '@/lib/db/schema';
import { hit } from '@/lib/rate-limit';

/**
 * Login throttles, kept in the database so every instance sees the same counters.
 * Per identifier (known or not): from the 5th consecutive failure a wait of 1, 2, 4 … 15 minutes,
 * and from the 100th the password stops working until a reset. Per IP: 30 failures per 15 minutes.
 */
export const FIRST_DELAYED_FAILURE = 5;
export const MAX_DELAY_MINUTES = 15;
export const FAILURES_UNTIL_RESET = 100;
export const IP_MAX_FAILURES = 30;
export const IP_WINDOW_MINUTES = 15;

export const identifierKey = (identifier: string) => `login:id:${identifier}`;
export const ipKey = (ip: string) => `login:ip:${ip}`;

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterMinutes: number; untilReset: boolean };

export async function loginThrottle(identifier: string, ip: string): Promise<ThrottleState> {
  const rows = await getDb()
    .select()
    .from(throttles)
    .where(inArray(throttles.key, [identifierKey(identifier), ipKey(ip)]));
  const t = now().getTime();
  let waitMs = 0;
  let untilReset = false;
  for (const row of rows) {
    if (row.key.startsWith('login:id:')) {
      if (row.count >= FAILURES_UNTIL_RESET) untilReset = true;
      if (row.blockedUntil) waitMs = Math.max(waitMs, row.blockedUntil.getTime() - t);
    } else if (row.count >= IP_MAX_FAILURES) {
      waitMs = Math.max(waitMs, row.windowStartedAt.getTime() + IP_WINDOW_MINUTES * MINUTE - t);
    }
  }
  if (untilReset) return { blocked: true, untilReset, retryAfterMinutes: Math.max(1, Math.ceil(waitMs / MINUTE)) };
  if (waitMs > 0) return { blocked: true, untilReset, retryAfterMinutes: Math.ceil(waitMs / MINUTE) };
  return { blocked: false };
}

export async function recordLoginFailure(identifier: string, ip: string): Promise<void> {
  const at = now();
  const db = getDb();
  const [row] = await db
    .insert(throttles)
    .values({ key: identifierKey(identifier), count: 1, windowStartedAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: throttles.key, set: { count: sql`${throttles.count} + 1`, updatedAt: at } })
    .returning({ count: throttles.count });
  if (row.count >= FIRST_DELAYED_FAILURE) {
    const minutes = Math.min(2 ** (row.count - FIRST_DELAYED_FAILURE), MAX_DELAY_MINUTES);
    await db
      .update(throttles)
      .set({ blockedUntil: new Date(at.getTime() + minutes * MINUTE) })
      .where(eq(throttles.key, identifierKey(identifier)));
  }
  // Per address: a fixed 15-minute window, the same counter as every other rate limit.
  await hit(ipKey(ip), IP_MAX_FAILURES, IP_WINDOW_MINUTES * MINUTE);
}

/** A successful sign-in or a completed reset forgets the identifier's failures. */
export async function clearLoginFailures(identifier: string): Promise<void> {
  await getDb().delete(throttles).where(eq(throttles.key, identifierKey(identifier)));
}
