import { and, isNull, like, lt, lte, notLike, or } from 'drizzle-orm';
import { DAY } from '@/lib/clock';
import { throttles } from '@/lib/db/schema';
import type { Retention } from '@/lib/db/retention';
import { LONGEST_WINDOW_MS, THROTTLE_POLICIES } from '@/lib/throttles/policies';

// An identifier's consecutive failures are kept this long after the last one, and for ever once
// they reach the reset lock: forgetting them sooner would hand a guesser fresh attempts.
const IDENTIFIER_FAILURES_KEPT_MS = 30 * DAY;

export const throttleRetention: Retention = {
  table: throttles,
  id: throttles.key,
  expired: (at) => {
    const { prefix, limit } = THROTTLE_POLICIES.loginIdentifier;
    const identifierKeys = `${prefix}%`;
    return and(
      or(isNull(throttles.blockedUntil), lte(throttles.blockedUntil, at)),
      or(
        and(notLike(throttles.key, identifierKeys), lt(throttles.windowStartedAt, new Date(at.getTime() - LONGEST_WINDOW_MS))),
        and(like(throttles.key, identifierKeys), lt(throttles.count, limit), lt(throttles.updatedAt, new Date(at.getTime() - IDENTIFIER_FAILURES_KEPT_MS))),
      ),
    )!;
  },
  reason:
    "A counter whose window is over counts nothing (every window but the identifiers' lasts at most a day, lib/throttles/policies.ts); an identifier's failures, kept 30 days after the last one and never while it waits for a reset, are what stops a patient guesser.",
};
