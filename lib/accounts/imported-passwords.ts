import { and, count, isNotNull, lt, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';

/**
 * Accounts still on a password imported from the old site (issue 19): its hash waits in
 * `imported_password_hash` until its holder's first sign-in converts it (lib/sign-in/imported-password.ts),
 * a reset or a password change replaces it, or `npm run accounts -- expire-imported-hashes` drops it.
 * Nothing here reads the hash itself: only whether there is one.
 */
export const holdsImportedPassword = (): SQL => isNotNull(accounts.importedPasswordHash);

/** How many accounts still hold an imported password; with `importedBefore`, those imported before that time. */
export async function countImportedPasswords(importedBefore?: Date): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(accounts)
    .where(importedBefore ? and(holdsImportedPassword(), lt(accounts.passwordImportedAt, importedBefore)) : holdsImportedPassword());
  return row.n;
}

/**
 * What customer service is told of an account's password: `imported` (still the old site's, not
 * yet converted), `set` (hashed by Sésame) or `none` (never set: the first-connection link sets it).
 */
export type PasswordState = 'imported' | 'set' | 'none';

export function passwordState(account: Pick<Account, 'passwordHash' | 'importedPasswordHash'>): PasswordState {
  if (account.passwordHash) return 'set';
  return account.importedPasswordHash ? 'imported' : 'none';
}
