import { and, eq, isNotNull } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { UnreadableBody } from '@/lib/crypto/sealed';
import { getDb } from '@/lib/db/client';
import { recoveryCodes, totpFactors, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { totpSecrets } from '@/lib/second-factor/factors';
import { clearCodeAttempts } from '@/lib/throttles/codes';

/**
 * Before an app code is checked (factors.ts `verifyCode`), and counted: can the app's secret be
 * opened? It is sealed with AUTH_SECRET (lib/crypto/sealed.ts).
 *
 * - Sealed with an older secret that AUTH_SECRET still lists (a rotation under way): it opens, and
 *   is sealed again with the newest here, so the old secret can be dropped once every app has been
 *   used once.
 * - Sealed with a secret AUTH_SECRET no longer lists: no code can ever be checked against it, and
 *   its recovery codes (keyed from the same secret) are as dead. The app is removed with them,
 *   audited, and 'unreadable' returned: the page tells the person to sign in again and set it up
 *   anew (staff without a factor are asked to at sign-in). Nothing is counted against them. This
 *   is the choice SECURITY.md states: after such a rotation the account is back to its password.
 *
 * 'readable' also when there is no confirmed app: verifyCode answers that as it always has.
 */
export async function openAppSecretBeforeCheck(holder: Pick<Account, 'id' | 'identifier'>, request: RequestInfo): Promise<'readable' | 'unreadable'> {
  const db = getDb();
  const confirmed = and(eq(totpFactors.accountId, holder.id), isNotNull(totpFactors.confirmedAt));
  const [row] = await db.select({ secret: totpFactors.secret }).from(totpFactors).where(confirmed).limit(1);
  if (!row) return 'readable';
  let resealed: string | null;
  try {
    resealed = totpSecrets.open(row.secret).resealed;
  } catch (error) {
    if (!(error instanceof UnreadableBody)) throw error;
    const removed = await db.transaction(async (tx) => {
      // Only the row this request read: an app set up again meanwhile stays.
      const rows = await tx.delete(totpFactors).where(and(confirmed, eq(totpFactors.secret, row.secret))).returning({ id: totpFactors.accountId });
      if (rows.length > 0) await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, holder.id));
      return rows.length > 0;
    });
    if (removed) {
      // A new app starts afresh: its wrong codes (and a lock with them) went with the old one.
      await clearCodeAttempts(holder.id);
      await audit({ type: 'second_factor_removed', accountId: holder.id, identifier: holder.identifier, request, details: { factor: 'totp', by: 'unreadable' } });
    }
    return 'unreadable';
  }
  // Whichever of two requests writes first wins; both hold the same secret.
  if (resealed) await db.update(totpFactors).set({ secret: resealed }).where(and(eq(totpFactors.accountId, holder.id), eq(totpFactors.secret, row.secret)));
  return 'readable';
}
