/**
 * The demo admin's second factor in the end-to-end tests: an authenticator app with a known
 * secret (codes computed in the tests), and recovery codes, one per admin-signing test. Tests
 * running in parallel all sign in as this one admin, and a step's app code works only once: each
 * takes its own recovery code instead, so no test waits for the clock or spends another's code.
 */
import { getDb } from '@/lib/db/client';
import { accounts, recoveryCodes, totpFactors } from '@/lib/db/schema';
import { sealer } from '@/lib/crypto/sealed';
import { hashRecoveryCode, normaliseRecoveryCode } from '@/lib/second-factor/recovery-codes';
import { eq } from 'drizzle-orm';

import { ADMIN_POOL_PER_WORKER, ADMIN_POOL_WORKERS, ADMIN_RECOVERY_SLOTS, adminPoolCodeFor, adminRecoveryCodeFor, E2E_ADMIN_TOTP_SECRET } from './second-factor-data';

export async function seedAdminSecondFactor(identifier: string): Promise<void> {
  const db = getDb();
  const [admin] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, identifier));
  const at = new Date();
  await db
    .insert(totpFactors)
    .values({ accountId: admin.id, secret: sealer('totp secret v1').seal(E2E_ADMIN_TOTP_SECRET), confirmedAt: at, createdAt: at })
    .onConflictDoNothing();
  const codes = [0, 1, 2].flatMap((p) => [
    ...Array.from({ length: ADMIN_RECOVERY_SLOTS }, (_, s) => adminRecoveryCodeFor(p, s + 1)),
    ...Array.from({ length: ADMIN_POOL_WORKERS * ADMIN_POOL_PER_WORKER }, (_, n) => adminPoolCodeFor(p, n)),
  ]);
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ accountId: admin.id, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!), createdAt: at })))
    .onConflictDoNothing();
}
