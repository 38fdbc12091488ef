import { and, desc, eq, isNull, lte, or } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, emailChangeLinks, type Account, type EmailChangeLink } from '@/lib/db/schema';
import { revokeEmailedSecrets } from '@/lib/emailed-secrets/revoke';
import { claimSecret, findUsableSecret, issueSecret, isUsable, revokeSecretsOf } from '@/lib/emailed-secrets/secrets';

/**
 * The links that confirm a new address, secrets of the one kind lib/emailed-secrets/secrets.ts
 * makes, in their own table. A link is usable while the account is active, still has the address
 * it had when the change was asked, and its password has not changed since (changing the password
 * is how a holder cancels a change they did not ask for). Staff setting the account's status, or
 * changing its address, revoke it for good (lib/emailed-secrets/revoke.ts): re-enabling the account
 * or putting the old address back never revives it.
 */
export const emailChangeUrl = (token: string) => `${getConfig().appUrl}/espace/email/${token}`;

/** Creates the link for a new address; earlier links of the account stop working (only the last request counts). */
export async function createEmailChangeLink(account: Pick<Account, 'id' | 'email'>, newEmail: string): Promise<{ token: string; url: string }> {
  const at = now();
  const token = await getDb().transaction(async (tx) => {
    await revokeSecretsOf(tx, emailChangeLinks, account.id, at);
    return issueSecret(tx, emailChangeLinks, { accountId: account.id, oldEmail: account.email, newEmail }, at);
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
  const found = await findUsableSecret(emailChangeLinks, token, accountStillMatches());
  return found ? { link: found.secret, account: found.account } : null;
}

/** The account's change waiting for confirmation, if any: the page says where its link went. */
export async function pendingEmailChange(accountId: string): Promise<Pick<EmailChangeLink, 'newEmail' | 'createdAt'> | null> {
  const [row] = await getDb()
    .select({ newEmail: emailChangeLinks.newEmail, createdAt: emailChangeLinks.createdAt })
    .from(emailChangeLinks)
    .innerJoin(accounts, eq(accounts.id, emailChangeLinks.accountId))
    .where(and(eq(emailChangeLinks.accountId, accountId), isUsable(emailChangeLinks, now()), accountStillMatches()))
    .orderBy(desc(emailChangeLinks.createdAt))
    .limit(1);
  return row ?? null;
}

export type ConfirmedEmailChange = { account: Account; oldEmail: string; linksRevoked: number };

/**
 * Confirms a change, in one transaction (`claimSecret`: of two tabs posting the link at once
 * exactly one succeeds): the account takes the new address, and every outstanding password link
 * and other address link of the account is revoked, since they were sent to the old address. Null
 * when the link was used, expired or no longer matches the account.
 */
export async function confirmEmailChange(token: string): Promise<ConfirmedEmailChange | null> {
  return claimSecret(emailChangeLinks, token, async (tx, link, at) => {
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
    if (!account) return null;
    // This link is used already; the others, of both kinds, were sent for the old address.
    const { passwordLinks: linksRevoked } = await revokeEmailedSecrets(tx, account.id, 'email_changed', at);
    return { account, oldEmail: link.oldEmail, linksRevoked };
  });
}
