import { and, isNull, like, lt, lte, notLike, or } from 'drizzle-orm';
import { DAY } from '@/lib/clock';
import { throttles } from '@/lib/db/schema';
import type { Retention } from '@/lib/db/retention';
import { LONGEST_WINDOW_MS, THROTTLE_POLICIES, type ThrottlePolicy } from '@/lib/throttles/policies';

// Consecutive failures (an identifier's, an account's wrong codes) are kept this long after the
// last one, and for ever once they reach their lock: forgetting them sooner would hand a guesser
// fresh attempts.
const FAILURES_KEPT_MS = 30 * DAY;

/** The counters without a window: consecutive failures, forgotten only on success. */
const inARow = Object.values(THROTTLE_POLICIES).filter((policy: ThrottlePolicy) => policy.windowMs === null);

export const throttleRetention: Retention = {
  table: throttles,
  id: throttles.key,
  expired: (at) => {
    const windowOver = lt(throttles.windowStartedAt, new Date(at.getTime() - LONGEST_WINDOW_MS));
    const quietLongEnough = lt(throttles.updatedAt, new Date(at.getTime() - FAILURES_KEPT_MS));
    return and(
      or(isNull(throttles.blockedUntil), lte(throttles.blockedUntil, at)),
      or(
        and(...inARow.map(({ prefix }) => notLike(throttles.key, `${prefix}%`)), windowOver),
        ...inARow.map(({ prefix, limit }) => and(like(throttles.key, `${prefix}%`), lt(throttles.count, limit), quietLongEnough)),
      ),
    )!;
  },
  reason:
    "A counter whose window is over counts nothing (every window lasts at most a day, lib/throttles/policies.ts); consecutive failures (an identifier's, an account's wrong codes), kept 30 days after the last one and never while they hold a lock, are what stops a patient guesser.",
};
