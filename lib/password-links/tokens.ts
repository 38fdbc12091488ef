import { and, eq, isNull, ne } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, passwordLinks, sessions, type Account } from '@/lib/db/schema';
import { claimSecret, findUsableSecret, issueSecret, revokeSecretsOf } from '@/lib/emailed-secrets/secrets';
import { clearCodeAttempts } from '@/lib/throttles/codes';
import { clearLoginFailures } from '@/lib/throttles/login';

/**
 * Emailed links that set a password (first connection or reset), secrets of the one kind
 * lib/emailed-secrets/secrets.ts makes: only the token's SHA-256 is stored, so a copy of the
 * database cannot be used to take over accounts. Every link sent within its validity works until
 * one is used or the password changes.
 */
export type LinkPurpose = 'activation' | 'reset';

export function linkUrl(token: string): string {
  return `${getConfig().appUrl}/reinitialisation/${token}`;
}

export async function createPasswordLink(accountId: string, purpose: LinkPurpose): Promise<{ token: string; url: string }> {
  const token = await issueSecret(getDb(), passwordLinks, { accountId, purpose });
  return { token, url: linkUrl(token) };
}

/** The account a link may still set the password of, or null. Reading a link never uses it. */
export async function findUsableLink(token: string | undefined): Promise<Account | null> {
  const found = await findUsableSecret(passwordLinks, token, ne(accounts.status, 'disabled'));
  return found?.account ?? null;
}

/** Makes every unused link of an account unusable: its password has just changed. */
export async function revokeLinks(accountId: string, at = now()): Promise<void> {
  await revokeSecretsOf(getDb(), passwordLinks, accountId, at);
}

/**
 * Uses a link and sets the new (already validated and hashed) password, in one transaction
 * (`claimSecret`: of two tabs submitting the same link at once exactly one succeeds). A pending
 * account becomes active; every session and every other link of the account ends, and its login
 * throttle is cleared, and so are its wrong second-factor codes (a lock of the app's codes with
 * them: whoever guessed them held the old password, which no longer works). A disabled account's
 * link sets nothing and stays as it was.
 */
export async function consumeLinkAndSetPassword(token: string, passwordHash: string): Promise<{ account: Account; sessionsEnded: number } | null> {
  const result = await claimSecret(passwordLinks, token, async (tx, link, at) => {
    const [current] = await tx.select().from(accounts).where(eq(accounts.id, link.accountId)).limit(1);
    if (!current || current.status === 'disabled') return null;
    const [updated] = await tx
      .update(accounts)
      .set({
        passwordHash,
        // A password imported from the old site goes: the one set through the link replaces it.
        importedPasswordHash: null,
        passwordImportedAt: null,
        status: 'active',
        activatedAt: current.activatedAt ?? at,
        passwordChangedAt: at,
        updatedAt: at,
      })
      .where(eq(accounts.id, current.id))
      .returning();
    await revokeSecretsOf(tx, passwordLinks, current.id, at);
    const ended = await tx
      .update(sessions)
      .set({ endedAt: at, endReason: 'password_reset' })
      .where(and(eq(sessions.accountId, current.id), isNull(sessions.endedAt)))
      .returning({ id: sessions.id });
    return { account: updated, sessionsEnded: ended.length };
  });
  if (result) await Promise.all([clearLoginFailures(result.account.identifier), clearCodeAttempts(result.account.id)]);
  return result;
}
