import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { importableHashFormat, verifyLegacyPassword } from '@/lib/crypto/legacy-hashes';
import { dummyHash, hashPassword, verifyPassword } from '@/lib/crypto/password-hash';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';

/**
 * A sign-in against a hash imported from the site Sésame replaces (WordPress, PHP: issue 19), until
 * its holder's first sign-in converts it. Called by password.ts in place of the normal comparison,
 * under the same reservation, pool share and answers.
 *
 * Its time must say neither that the account still holds an imported hash nor whether the password
 * was right. A normal sign-in costs one bcrypt comparison at BCRYPT_COST per form of the typed
 * password (`passwordForms`: one, or two when NFC changes it), one after the other. Here each of
 * those steps is the imported hash's check, on its own thread (hash-pool.ts `openHashPool`), run
 * beside one bcrypt at BCRYPT_COST on the pool:
 *
 * 1. the typed password against the imported hash, beside `hashPassword(password)`: the hash that
 *    replaces the imported one when it matches, thrown away otherwise (made before the answer is
 *    known, so that right and wrong cost the same);
 * 2. only when NFC changes the typed password: its NFC form against the imported hash, beside a
 *    comparison with the dummy hash (what an unknown account's second form costs).
 *
 * Each step lasts as long as its bcrypt at BCRYPT_COST, since the imported check costs less
 * (`importableHashFormat`: phpass at most 2^16 md5 rounds, bcrypt at most cost 15 — no more than
 * BCRYPT_COST as long as BCRYPT_COST is at least the imported costs, 10 for WordPress); the pool
 * sees one task per step, as for any account. WordPress hashed the bytes the browser sent, without
 * normalising: the password is tried as typed first, then in NFC, never more than one extra form,
 * and both forms always, whatever the first answer.
 */
export type ImportedCheck = { matches: false } | { matches: true; passwordHash: string };

export async function checkImportedPassword(password: string, imported: string): Promise<ImportedCheck> {
  const normalised = password.normalize('NFC');
  const [typedMatches, passwordHash] = await together(verifyLegacyPassword(password, imported), hashPassword(password));
  let matches = typedMatches;
  if (normalised !== password) {
    const [normalisedMatches] = await together(verifyLegacyPassword(normalised, imported), dummyHash().then((dummy) => verifyPassword(normalised, dummy)));
    matches ||= normalisedMatches;
  }
  return matches ? { matches, passwordHash } : { matches };
}

/**
 * Both results, once both have ended: a rejection (a full pool's HashPoolBusy) is thrown only then,
 * so that no task of an answered attempt is left running unobserved.
 */
async function together<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
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
