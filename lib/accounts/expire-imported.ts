import { and, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { DAY, now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';

/**
 * The end of a move from another site: hashes imported (lib/accounts/import-passwords.ts) that
 * nobody signed in with for a while are removed, and their accounts become first connections,
 * invited like any pending account (lib/accounts/invite.ts). The import's date stays on the
 * account: it marks an expired import until its holder chooses a password, so that a second run
 * after an interruption invites the ones the first did not reach, and nobody else.
 */

/** An account whose imported hash was removed unused, and that still has no password. */
export const expiredImport = and(isNotNull(accounts.passwordImportedAt), isNull(accounts.importedPasswordHash), isNull(accounts.passwordHash))!;

/** `180d` as a number of days; null for anything else. */
export function parseAge(text: string): number | null {
  const match = /^\s*(\d{1,5})\s*d\s*$/i.exec(text);
  const days = match ? Number(match[1]) : NaN;
  return Number.isInteger(days) && days > 0 ? days : null;
}

/**
 * Removes the imported hashes written more than `olderThanDays` ago; an active account among them
 * becomes pending (a disabled one stays disabled). The number of accounts, or that would be.
 */
export async function expireImportedHashes({ olderThanDays, dryRun = false }: { olderThanDays: number; dryRun?: boolean }): Promise<number> {
  const cutoff = new Date(now().getTime() - olderThanDays * DAY);
  const due = and(isNotNull(accounts.importedPasswordHash), lt(accounts.passwordImportedAt, cutoff))!;
  const db = getDb();
  if (dryRun) return (await db.select({ n: sql<number>`count(*)::int` }).from(accounts).where(due))[0].n;
  const at = now();
  const expired = await db.transaction(async (tx) => {
    const rows = await tx
      .update(accounts)
      .set({
        importedPasswordHash: null,
        status: sql`case when ${accounts.status} = 'active' then 'pending' else ${accounts.status} end`,
        activatedAt: sql`case when ${accounts.status} = 'active' then null else ${accounts.activatedAt} end`,
        updatedAt: at,
      })
      .where(due)
      .returning({ id: accounts.id });
    if (rows.length > 0) await audit({ type: 'imported_passwords_expired', details: { accounts: rows.length, olderThanDays } }, tx);
    return rows.length;
  });
  return expired;
}
