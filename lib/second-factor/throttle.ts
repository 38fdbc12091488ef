import { eq } from 'drizzle-orm';
import { MINUTE } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { throttles } from '@/lib/db/schema';
import { blockedFor, reserve } from '@/lib/rate-limit';

/**
 * Codes are throttled per account like passwords: each attempt takes a place before it is checked,
 * in one conditional update (lib/rate-limit.ts), so forty codes posted at once get five checks.
 * Six digits are a million guesses; five per quarter hour make a month of guessing worth less than
 * a 1-in-200 chance.
 */
export const CODE_ATTEMPTS = 5;
export const CODE_WINDOW_MS = 15 * MINUTE;

export const codeKey = (accountId: string) => `second-factor:${accountId}`;

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
