import { eq } from 'drizzle-orm';
import { createAccount } from '@/lib/accounts/create';
import { hashPassword } from '@/lib/crypto/password-hash';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import { adminPasswordProblem, type AdminDetails } from '@/lib/operators/admin-password';

export type AdminInput = AdminDetails & { kind: string; locale?: string };

/**
 * `accounts create-admin`: an active administrator with the password the operator was given
 * (generated) or typed (asked). The password is checked again here, so no caller can set a
 * common, personal or published one.
 */
export async function createActiveAdmin(input: AdminInput, password: string): Promise<{ account: Account; warnings: string[] }> {
  const problem = adminPasswordProblem(password, input);
  if (problem) throw new Error(`The administrator was not created: the password is refused (${problem}).`);
  const passwordHash = await hashPassword(password);
  const { account, warnings } = await createAccount({ ...input, role: 'admin' }, 'cli:create-admin');
  const at = now();
  const [active] = await getDb()
    .update(accounts)
    .set({ passwordHash, importedPasswordHash: null, passwordImportedAt: null, status: 'active', activatedAt: at, passwordChangedAt: at, updatedAt: at })
    .where(eq(accounts.id, account.id))
    .returning();
  return { account: active, warnings };
}
