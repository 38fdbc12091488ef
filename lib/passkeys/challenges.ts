import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { webauthnChallenges } from '@/lib/db/schema';

/**
 * WebAuthn challenges: single-use, valid 5 minutes, and bound to the browser they were given to.
 * The browser keeps a random token in an HttpOnly cookie; the database keeps the token's SHA-256
 * with the challenge. Taking a challenge deletes its row in the statement that reads it, so a
 * second use (or a second request racing the first) finds nothing.
 */
export const CHALLENGE_TTL_MS = 5 * MINUTE;

export type ChallengePurpose = 'register' | 'authenticate';
export type Challenge = { challenge: string; accountId: string | null };

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Keeps `challenge` for `purpose`; returns the token the browser's cookie will carry. */
export async function issueChallenge(purpose: ChallengePurpose, accountId: string | null, challenge: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const at = now();
  const db = getDb();
  // Challenges nobody came back for are cleared as new ones are issued.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, at));
  await db.insert(webauthnChallenges).values({
    tokenHash: hashToken(token),
    challenge,
    purpose,
    accountId,
    expiresAt: new Date(at.getTime() + CHALLENGE_TTL_MS),
    createdAt: at,
  });
  return token;
}

/**
 * The challenge the browser holding `token` was given for `purpose`, used up; 'expired' when there is none (never
 * issued, already used, issued to another browser, or older than 5 minutes).
 */
export async function takeChallenge(token: string | undefined, purpose: ChallengePurpose): Promise<Challenge | 'expired'> {
  if (!token || token.length > 100) return 'expired';
  const [row] = await getDb()
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.tokenHash, hashToken(token)), eq(webauthnChallenges.purpose, purpose)))
    .returning();
  if (!row || row.expiresAt.getTime() <= now().getTime()) return 'expired';
  return { challenge: row.challenge, accountId: row.accountId };
}
