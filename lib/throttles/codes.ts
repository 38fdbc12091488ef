import { eq } from 'drizzle-orm';
import { MINUTE } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { throttles } from '@/lib/db/schema';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { blockedFor, reserve } from '@/lib/throttles/rate-limit';

/**
 * Codes are throttled per account like passwords: each attempt takes a place before it is checked,
 * in one conditional update (lib/throttles/rate-limit.ts), so forty codes posted at once get five
 * checks. The limit and its reason: `secondFactorCode` in lib/throttles/policies.ts.
 */
const policy = THROTTLE_POLICIES.secondFactorCode;
export const CODE_ATTEMPTS = policy.limit;
export const CODE_WINDOW_MS = policy.windowMs;

export const codeKey = policy.key;

export type CodeReservation = { ok: true } | { ok: false; retryAfterMinutes: number };

export async function reserveCodeAttempt(accountId: string): Promise<CodeReservation> {
  if (await reserve(codeKey(accountId), CODE_ATTEMPTS, CODE_WINDOW_MS)) return { ok: true };
  const waitMs = await blockedFor(codeKey(accountId), CODE_ATTEMPTS, CODE_WINDOW_MS);
  return { ok: false, retryAfterMinutes: Math.max(1, Math.ceil(waitMs / MINUTE)) };
}

/** A right code forgets the wrong ones before it. */
export async function clearCodeAttempts(accountId: string): Promise<void> {
  await getDb().delete(throttles).where(eq(throttles.key, codeKey(accountId)));
}
