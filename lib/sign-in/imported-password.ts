import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { checkImportedHash, importableHashFormat } from '@/lib/crypto/legacy-hashes';
import { bcryptInput, storedHash } from '@/lib/crypto/password-hash';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';

/**
 * A sign-in against a hash imported from the site Sésame replaces (WordPress, PHP: issue 19), until
 * its holder's first sign-in converts it. Called by password.ts in place of the normal comparison,
 * under the same reservation, pool share and answers.
 *
 * The time of a refusal must not say that the account still holds an imported hash (issue 19 asks
 * the same of a right password: see below for the part it cannot have). A normal sign-in costs one bcrypt comparison at BCRYPT_COST per form of the typed
 * password (`passwordForms`: one, or two when NFC changes it), one task each on the pool. Here too:
 * one task per form (legacy-hashes.ts `checkImportedHash`), which checks the imported hash and then,
 * when the password is wrong, hashes nothing at the costs that bring its work to one bcrypt at
 * BCRYPT_COST; when it is right, hashes the password at BCRYPT_COST for the conversion, in the same
 * task. A wrong password thus costs the thread exactly what it costs for any account, on an idle
 * server as on a loaded one (work, not waiting, pads it). A right one costs the imported check more
 * (the conversion needs a whole bcrypt at BCRYPT_COST after it), which only someone who typed the
 * password sees; hashing before the answer is known, beside the check, would hide it on an idle
 * server but make every wrong password cost that much more: the refusals are what must not differ.
 *
 * WordPress hashed the bytes the browser sent, without normalising: the password is tried as typed,
 * then in NFC when that differs, never more than one extra form, and both forms always, whatever the
 * first answer, as for a normal account.
 */
export type ImportedCheck = { matches: false } | { matches: true; passwordHash: string };

export async function checkImportedPassword(password: string, imported: string): Promise<ImportedCheck> {
  const cost = getConfig().bcryptCost;
  const convert = bcryptInput(password);
  const normalised = password.normalize('NFC');
  const forms = normalised === password ? [password] : [password, normalised];
  let converted: string | null = null;
  for (const form of forms) {
    const result = await checkImportedHash(form, imported, cost, converted === null ? convert : null);
    converted ??= result.converted;
  }
  return converted === null ? { matches: false } : { matches: true, passwordHash: storedHash(converted) };
}

/**
 * What became of a conversion: `converted`; `replaced`, when a reset or a password change set
 * another password while the imported one was being checked (the new one wins: the old one opens
 * nothing); `raced`, when another sign-in with the same password converted it first (nothing is
 * lost: the next attempt goes through the normal comparison).
 */
export type Conversion = 'converted' | 'replaced' | 'raced';

/**
 * Replaces the imported hash that just matched with `passwordHash` (BCRYPT_COST, the project's
 * format), in one transaction with its audit event, before any session opens. Only if the account
 * still holds exactly that imported hash: the row is read under its lock and compared here, so that
 * neither hash is ever a query parameter (a failed query's message carries its parameters into the
 * logs). `password_changed_at` stays: the password is the same, only its storage changed (links
 * and sessions issued before it stay valid).
 */
export async function convertImportedHash(
  account: Pick<Account, 'id' | 'identifier' | 'passwordChangedAt'>,
  checked: string,
  passwordHash: string,
  request: RequestInfo,
): Promise<Conversion> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ status: accounts.status, passwordHash: accounts.passwordHash, imported: accounts.importedPasswordHash, passwordChangedAt: accounts.passwordChangedAt })
      .from(accounts)
      .where(eq(accounts.id, account.id))
      .for('update');
    if (!row || row.status !== 'active') return 'replaced';
    if (row.imported !== checked || row.passwordHash !== null) {
      const changed = row.passwordChangedAt?.getTime() !== account.passwordChangedAt?.getTime();
      return row.imported === null && row.passwordHash !== null && !changed ? 'raced' : 'replaced';
    }
    const at = now();
    await tx.update(accounts).set({ passwordHash, importedPasswordHash: null, passwordImportedAt: null, updatedAt: at }).where(eq(accounts.id, account.id));
    // The format, never the hash.
    await audit({ type: 'password_hash_converted', accountId: account.id, identifier: account.identifier, request, details: { format: importableHashFormat(checked) } }, tx);
    return 'converted';
  });
}
