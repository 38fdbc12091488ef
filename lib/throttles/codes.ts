import { eq, inArray, lt, sql } from 'drizzle-orm';
import { MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { throttles } from '@/lib/db/schema';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { blockedFor, release, reserve, reserveRow } from '@/lib/throttles/rate-limit';

/**
 * Codes are throttled per account like passwords: each attempt takes a place before it is checked,
 * in one conditional update (lib/throttles/rate-limit.ts), so forty codes posted at once get five
 * checks. The limit and its reason: `secondFactorCode` in lib/throttles/policies.ts.
 *
 * Wrong codes in a row are counted too, with no window (`secondFactorFailures`): each code is
 * counted as wrong before it is checked, and a right one forgets them all. At the limit the app's
 * codes are locked; a recovery code is still checked (and counted), since it is what opens the lock.
 */
const policy = THROTTLE_POLICIES.secondFactorCode;
export const CODE_ATTEMPTS = policy.limit;
export const CODE_WINDOW_MS = policy.windowMs;

export const codeKey = policy.key;

const failures = THROTTLE_POLICIES.secondFactorFailures;
/** Wrong codes in a row after which the app's codes are refused. */
export const WRONG_CODES_UNTIL_LOCK = failures.limit;
export const codeFailuresKey = failures.key;

export type CodeReservation = { ok: true } | { ok: false; retryAfterMinutes: number };

export async function reserveCodeAttempt(accountId: string): Promise<CodeReservation> {
  if (await reserve(codeKey(accountId), CODE_ATTEMPTS, CODE_WINDOW_MS)) return { ok: true };
  const waitMs = await blockedFor(codeKey(accountId), CODE_ATTEMPTS, CODE_WINDOW_MS);
  return { ok: false, retryAfterMinutes: Math.max(1, Math.ceil(waitMs / MINUTE)) };
}

/** Gives back the place of a code that was not checked (refused because the app's codes are locked). */
export async function releaseCodeAttempt(accountId: string): Promise<void> {
  await release(codeKey(accountId));
}

/**
 * Counts a code as wrong before it is checked, in one conditional update, and returns how many are
 * now counted in a row: when that is WRONG_CODES_UNTIL_LOCK and the code turns out wrong, this code
 * locked the app. Null when an app code comes while they are locked: it is not checked at all.
 */
export async function reserveCodeCheck(accountId: string, kind: 'app' | 'recovery'): Promise<number | null> {
  return reserveRow(codeFailuresKey(accountId), now(), {
    set: { count: sql`${throttles.count} + 1` },
    when: kind === 'recovery' ? sql`true` : lt(throttles.count, WRONG_CODES_UNTIL_LOCK),
  });
}

/** Whether the app's codes are locked: how many wrong codes in a row and the last one's time, or null. */
export async function codesLocked(accountId: string): Promise<{ wrongCodes: number; lastWrongAt: Date } | null> {
  const [row] = await getDb().select().from(throttles).where(eq(throttles.key, codeFailuresKey(accountId))).limit(1);
  return row && row.count >= WRONG_CODES_UNTIL_LOCK ? { wrongCodes: row.count, lastWrongAt: row.updatedAt } : null;
}

/**
 * A right code forgets the wrong ones before it, and so do a completed reset, staff, and a removed
 * or new app: the windowed count and the count in a row, which opens a lock.
 */
export async function clearCodeAttempts(accountId: string): Promise<void> {
  await getDb()
    .delete(throttles)
    .where(inArray(throttles.key, [codeKey(accountId), codeFailuresKey(accountId)]));
}
