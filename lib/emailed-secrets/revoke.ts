import { and, inArray } from 'drizzle-orm';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { emailChangeLinks, passwordLinks } from '@/lib/db/schema';
import { isUsable, type DbOrTx } from '@/lib/emailed-secrets/secrets';

/**
 * Revoking an account's outstanding emailed secrets (unused and unexpired), of every kind: the
 * links that set a password and the links that confirm a new address. A secret was sent to an
 * address, for an account in a given state, and must not outlive the reason it was sent: all are
 * revoked when the account's email changes (staff, import, the holder), when it is disabled, and
 * whenever staff set its status, so that enabling an account again, or putting its old address
 * back, never revives one (a revoked secret is marked used, for good). Password links also say
 * when and why (`revokedAt`, `revokedReason`); `auditRevocations` writes one `links_revoked` event
 * per account.
 */
export type RevocationReason = 'email_changed' | 'account_disabled' | 'account_enabled';

export type Revocation = { accountId: string; reason: RevocationReason; passwordLinks: number; emailChangeLinks: number };

/**
 * Revokes every outstanding secret of the account, inside `tx` (the transaction of the change that
 * calls for it) when given one, so that the change and the revocation commit together. Audit it
 * once committed (`auditRevocations`).
 */
export async function revokeEmailedSecrets(tx: DbOrTx, accountId: string, reason: RevocationReason, at = now()): Promise<Revocation> {
  const [revocation] = await revokeEmailedSecretsOf(tx, [accountId], reason, at);
  return revocation ?? { accountId, reason, passwordLinks: 0, emailChangeLinks: 0 };
}

/** The same for many accounts, one statement per kind (an import); only accounts that had secrets are returned. */
export async function revokeEmailedSecretsOf(tx: DbOrTx, accountIds: readonly string[], reason: RevocationReason, at = now()): Promise<Revocation[]> {
  if (accountIds.length === 0) return [];
  const ids = [...accountIds];
  const passwordRows = await tx
    .update(passwordLinks)
    .set({ usedAt: at, revokedAt: at, revokedReason: reason })
    .where(and(inArray(passwordLinks.accountId, ids), isUsable(passwordLinks, at)))
    .returning({ accountId: passwordLinks.accountId });
  const addressRows = await tx
    .update(emailChangeLinks)
    .set({ usedAt: at })
    .where(and(inArray(emailChangeLinks.accountId, ids), isUsable(emailChangeLinks, at)))
    .returning({ accountId: emailChangeLinks.accountId });

  const byAccount = new Map<string, Revocation>();
  const of = (accountId: string) => {
    const revocation = byAccount.get(accountId) ?? { accountId, reason, passwordLinks: 0, emailChangeLinks: 0 };
    byAccount.set(accountId, revocation);
    return revocation;
  };
  for (const { accountId } of passwordRows) of(accountId).passwordLinks += 1;
  for (const { accountId } of addressRows) of(accountId).emailChangeLinks += 1;
  return [...byAccount.values()];
}

/** One `links_revoked` audit event per account that lost secrets; nothing for those that had none. */
export async function auditRevocations(revocations: readonly Revocation[], actor?: Actor): Promise<void> {
  for (const { accountId, reason, passwordLinks: passwordCount, emailChangeLinks: addressCount } of revocations) {
    if (passwordCount + addressCount === 0) continue;
    await audit({
      type: 'links_revoked',
      accountId,
      actorId: actor?.id ?? null,
      request: actor?.request,
      details: { reason, passwordLinks: passwordCount, emailChangeLinks: addressCount },
    });
  }
}
