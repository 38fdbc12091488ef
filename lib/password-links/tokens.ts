import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, TransactionRollbackError } from 'drizzle-orm';
import { HOUR, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, passwordLinks, sessions, type Account } from '@/lib/db/schema';
import { clearLoginFailures } from '@/lib/auth/login-throttle';

/**
 * Emailed links that set a password (first connection or reset). The token is 32 random bytes;
 * only its SHA-256 is stored, so a copy of the database cannot be used to take over accounts.
 * Every link sent within its validity works until one is used or the password changes.
 */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type LinkPurpose = 'activation' | 'reset';

export function linkUrl(token: string): string {
  return `${getConfig().appUrl}/reinitialisation/${token}`;
}

export async function createPasswordLink(accountId: string, purpose: LinkPurpose): Promise<{ token: string; url: string }> {
  const token = randomBytes(32).toString('base64url');
  const at = now();
  await getDb()
    .insert(passwordLinks)
    .values({
      accountId,
      purpose,
      tokenHash: hashToken(token),
      createdAt: at,
      expiresAt: new Date(at.getTime() + getConfig().resetTokenTtlHours * HOUR),
    });
  return { token, url: linkUrl(token) };
}

/** The account a link may still set the password of, or null. Reading a link never uses it. */
export async function findUsableLink(token: string | undefined): Promise<Account | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await getDb()
    .select({ account: accounts })
    .from(passwordLinks)
    .innerJoin(accounts, eq(accounts.id, passwordLinks.accountId))
    .where(
      and(
        eq(passwordLinks.tokenHash, hashToken(token)),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, now()),
        ne(accounts.status, 'disabled'),
      ),
    )
    .limit(1);
  return row?.account ?? null;
}

/** Makes every unused link of an account unusable: its password has just changed. */
export async function revokeLinks(accountId: string, at = now()): Promise<void> {
  await getDb()
    .update(passwordLinks)
    .set({ usedAt: at })
    .where(and(eq(passwordLinks.accountId, accountId), isNull(passwordLinks.usedAt)));
}

/**
 * Uses a link and sets the new (already validated and hashed) password, in one transaction.
 * The link row is claimed with a conditional update, so of two tabs submitting the same link at
 * once exactly one succeeds. A pending account becomes active; every session and every other link
 * of the account ends, and its login throttle is cleared.
 */
export async function consumeLinkAndSetPassword(token: string, passwordHash: string): Promise<{ account: Account; sessionsEnded: number } | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const at = now();
  const result = await getDb().transaction(async (tx) => {
    const [link] = await tx
      .update(passwordLinks)
      .set({ usedAt: at })
      .where(and(eq(passwordLinks.tokenHash, hashToken(token)), isNull(passwordLinks.usedAt), gt(passwordLinks.expiresAt, at)))
      .returning();
    if (!link) return null;
    const [current] = await tx.select().from(accounts).where(eq(accounts.id, link.accountId)).limit(1);
    if (!current || current.status === 'disabled') {
      tx.rollback();
      return null;
    }
    const [updated] = await tx
      .update(accounts)
      .set({
        passwordHash,
        status: 'active',
        activatedAt: current.activatedAt ?? at,
        passwordChangedAt: at,
        updatedAt: at,
      })
      .where(eq(accounts.id, current.id))
      .returning();
    await tx
      .update(passwordLinks)
      .set({ usedAt: at })
      .where(and(eq(passwordLinks.accountId, current.id), isNull(passwordLinks.usedAt)));
    const ended = await tx
      .update(sessions)
      .set({ endedAt: at, endReason: 'password_reset' })
      .where(and(eq(sessions.accountId, current.id), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    return { account: updated, sessionsEnded: ended.length };
  }).catch((error: unknown) => {
    // tx.rollback() throws to unwind the transaction; it is an expected "no".
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  });
  if (result) await clearLoginFailures(result.account.identifier);
  return result;
}
