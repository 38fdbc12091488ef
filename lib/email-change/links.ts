import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lte, or, TransactionRollbackError } from 'drizzle-orm';
import { HOUR, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, emailChangeLinks, type Account, type EmailChangeLink } from '@/lib/db/schema';
import { revokeOutstandingLinks } from '@/lib/password-links/revoke';
import { hashToken, TOKEN_SHAPE } from '@/lib/password-links/tokens';

/**
 * The links that confirm a new address. Like password links: 32 random bytes, only the SHA-256
 * kept, valid RESET_TOKEN_TTL_HOURS, never used by being opened. A link is usable while the account
 * is active, still has the address it had when the change was asked, and its password has not
 * changed since (changing the password is how a holder cancels a change they did not ask for).
 */
export const emailChangeUrl = (token: string) => `${getConfig().appUrl}/espace/email/${token}`;

/** Creates the link for a new address; earlier links of the account stop working (only the last request counts). */
export async function createEmailChangeLink(account: Pick<Account, 'id' | 'email'>, newEmail: string): Promise<{ token: string; url: string }> {
  const token = randomBytes(32).toString('base64url');
  const at = now();
  await getDb().transaction(async (tx) => {
    await tx
      .update(emailChangeLinks)
      .set({ usedAt: at })
      .where(and(eq(emailChangeLinks.accountId, account.id), isNull(emailChangeLinks.usedAt)));
    await tx.insert(emailChangeLinks).values({
      accountId: account.id,
      tokenHash: hashToken(token),
      oldEmail: account.email,
      newEmail,
      createdAt: at,
      expiresAt: new Date(at.getTime() + getConfig().resetTokenTtlHours * HOUR),
    });
  });
  return { token, url: emailChangeUrl(token) };
}

// The account may still take the link's address: active, same address as asked from, password unchanged since.
const accountStillMatches = () =>
  and(
    eq(accounts.status, 'active'),
    eq(accounts.email, emailChangeLinks.oldEmail),
    or(isNull(accounts.passwordChangedAt), lte(accounts.passwordChangedAt, emailChangeLinks.createdAt)),
  );

export type UsableEmailChange = { link: EmailChangeLink; account: Account };

/** The change a link would make, or null. Reading a link never uses it. */
export async function findUsableEmailChange(token: string | undefined): Promise<UsableEmailChange | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await getDb()
    .select({ link: emailChangeLinks, account: accounts })
    .from(emailChangeLinks)
    .innerJoin(accounts, eq(accounts.id, emailChangeLinks.accountId))
    .where(and(eq(emailChangeLinks.tokenHash, hashToken(token)), isNull(emailChangeLinks.usedAt), gt(emailChangeLinks.expiresAt, now()), accountStillMatches()))
    .limit(1);
  return row ?? null;
}

/** The account's change waiting for confirmation, if any: the page says where its link went. */
export async function pendingEmailChange(accountId: string): Promise<Pick<EmailChangeLink, 'newEmail' | 'createdAt'> | null> {
  const [row] = await getDb()
    .select({ newEmail: emailChangeLinks.newEmail, createdAt: emailChangeLinks.createdAt })
    .from(emailChangeLinks)
    .innerJoin(accounts, eq(accounts.id, emailChangeLinks.accountId))
    .where(and(eq(emailChangeLinks.accountId, accountId), isNull(emailChangeLinks.usedAt), gt(emailChangeLinks.expiresAt, now()), accountStillMatches()))
    .orderBy(desc(emailChangeLinks.createdAt))
    .limit(1);
  return row ?? null;
}

export type ConfirmedEmailChange = { account: Account; oldEmail: string; linksRevoked: number };

/**
 * Confirms a change, in one transaction: the link is claimed with a conditional update (of two
 * tabs posting it at once exactly one succeeds), the account takes the new address, and every
 * outstanding password link and other address link of the account is revoked, since they were
 * sent to the old address. Null when the link was used, expired or no longer matches the account.
 */
export async function confirmEmailChange(token: string): Promise<ConfirmedEmailChange | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const at = now();
  return getDb()
    .transaction(async (tx) => {
      const [link] = await tx
        .update(emailChangeLinks)
        .set({ usedAt: at })
        .where(and(eq(emailChangeLinks.tokenHash, hashToken(token)), isNull(emailChangeLinks.usedAt), gt(emailChangeLinks.expiresAt, at)))
        .returning();
      if (!link) return null;
      const [account] = await tx
        .update(accounts)
        .set({ email: link.newEmail, updatedAt: at })
        .where(
          and(
            eq(accounts.id, link.accountId),
            eq(accounts.status, 'active'),
            eq(accounts.email, link.oldEmail),
            or(isNull(accounts.passwordChangedAt), lte(accounts.passwordChangedAt, link.createdAt)),
          ),
        )
        .returning();
      if (!account) tx.rollback();
      await tx
        .update(emailChangeLinks)
        .set({ usedAt: at })
        .where(and(eq(emailChangeLinks.accountId, account.id), isNull(emailChangeLinks.usedAt)));
      const { count: linksRevoked } = await revokeOutstandingLinks(tx, account.id, 'email_changed', at);
      return { account, oldEmail: link.oldEmail, linksRevoked };
    })
    .catch((error: unknown) => {
      // tx.rollback() throws to unwind the transaction; it is an expected "no".
      if (error instanceof TransactionRollbackError) return null;
      throw error;
    });
}
