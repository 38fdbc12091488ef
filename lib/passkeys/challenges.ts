import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { MINUTE, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { webauthnChallenges } from '@/lib/db/schema';

/**
 * WebAuthn challenges: single-use, valid 5 minutes, and bound to the browser they were given to.
 * The browser keeps a random key in an HttpOnly cookie; the database keeps, with each challenge,
 * the SHA-256 of that key and the challenge together. One browser may hold several challenges at
 * once (the sign-in page's autofill request and its button each ask for one), and an answer
 * finds its own by the challenge it signed. Taking a challenge deletes its row in the statement
 * that reads it, so a second use (or a second request racing the first) finds nothing.
 */
export const CHALLENGE_TTL_MS = 5 * MINUTE;

export type ChallengePurpose = 'register' | 'authenticate';
export type Challenge = { challenge: string; accountId: string | null };

const rowKey = (browserKey: string, challenge: string) => createHash('sha256').update(`${browserKey}\n${challenge}`).digest('base64url');
const usableKey = (key: string | undefined): key is string => typeof key === 'string' && /^[\w-]{32,100}$/.test(key);

/**
 * Keeps `challenge` for `purpose`, for the browser holding `browserKey` (a new key when it has
 * none); returns the key the browser's cookie will carry.
 */
export async function issueChallenge(purpose: ChallengePurpose, accountId: string | null, challenge: string, browserKey?: string): Promise<string> {
  const key = usableKey(browserKey) ? browserKey : randomBytes(32).toString('base64url');
  const at = now();
  const db = getDb();
  // Challenges nobody came back for are cleared as new ones are issued.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, at));
  await db.insert(webauthnChallenges).values({
    tokenHash: rowKey(key, challenge),
    challenge,
    purpose,
    accountId,
    expiresAt: new Date(at.getTime() + CHALLENGE_TTL_MS),
    createdAt: at,
  });
  return key;
}

/**
 * The challenge an answer signed, if this browser was given it for `purpose`, used up; 'expired'
 * when there is none (never issued, already used, issued to another browser, or older than 5 minutes).
 */
export async function takeChallenge(browserKey: string | undefined, purpose: ChallengePurpose, answered: string | undefined): Promise<Challenge | 'expired'> {
  if (!usableKey(browserKey) || !answered || answered.length > 200) return 'expired';
  const [row] = await getDb()
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.tokenHash, rowKey(browserKey, answered)), eq(webauthnChallenges.purpose, purpose)))
    .returning();
  if (!row || row.expiresAt.getTime() <= now().getTime()) return 'expired';
  return { challenge: row.challenge, accountId: row.accountId };
}

/** The challenge a browser's answer says it signed (its clientDataJSON), unchecked: verification comes after. */
export function answeredChallenge(response: { response: { clientDataJSON?: unknown } }): string | undefined {
  const data = response.response.clientDataJSON;
  if (typeof data !== 'string' || data.length > 4096) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
    const challenge = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).challenge : undefined;
    return typeof challenge === 'string' ? challenge : undefined;
  } catch {
    return undefined;
  }
}
