import { and, inArray } from 'drizzle-orm';
import { audit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { passwordLinks } from '@/lib/db/schema';
import { isUsable, type DbOrTx } from '@/lib/emailed-secrets/secrets';

/**
 * Revoking an account's outstanding links (unused and unexpired): a link was sent to an address,
 * and must not outlive the reason it was sent. Revoked when the account's email changes (staff,
 * import, the holder), when it is disabled, and whenever staff set its status; enabling an account
 * again never revives one (a revoked link is marked used, for good). The rows say when and why
 * (`revokedAt`, `revokedReason`); `auditRevocations` writes one `links_revoked` event per account.
 */
export type RevocationReason = 'email_changed' | 'account_disabled' | 'account_enabled';

export type Revocation = { accountId: string; reason: RevocationReason; count: number };

/**
 * Revokes every outstanding link of the account, inside `tx` (the transaction of the change that
 * calls for it) when given one, so that the change and the revocation commit together. Audit it
 * once committed (`auditRevocations`).
 */
export async function revokeOutstandingLinks(tx: DbOrTx, accountId: string, reason: RevocationReason, at = now()): Promise<Revocation> {
  const [revocation] = await revokeOutstandingLinksOf(tx, [accountId], reason, at);
  return revocation ?? { accountId, reason, count: 0 };
}

/** The same for many accounts in one statement (an import); only accounts that had links are returned. */
export async function revokeOutstandingLinksOf(tx: DbOrTx, accountIds: readonly string[], reason: RevocationReason, at = now()): Promise<Revocation[]> {
  if (accountIds.length === 0) return [];
  const rows = await tx
    .update(passwordLinks)
    .set({ usedAt: at, revokedAt: at, revokedReason: reason })
    .where(and(inArray(passwordLinks.accountId, [...accountIds]), isUsable(passwordLinks, at)))
    .returning({ accountId: passwordLinks.accountId });
  const counts = new Map<string, number>();
  for (const { accountId } of rows) counts.set(accountId, (counts.get(accountId) ?? 0) + 1);
  return [...counts].map(([accountId, count]) => ({ accountId, reason, count }));
}

/** One `links_revoked` audit event per account that lost links; nothing for those that had none. */
export async function auditRevocations(revocations: readonly Revocation[], actor?: Actor): Promise<void> {
  for (const { accountId, reason, count } of revocations) {
    if (count === 0) continue;
    await audit({ type: 'links_revoked', accountId, actorId: actor?.id ?? null, request: actor?.request, details: { reason, count } });
  }
}
