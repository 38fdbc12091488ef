import { eq } from 'drizzle-orm';
import { findAccountByNumber } from '@/lib/accounts/queries';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { Identifier, IdentifierKind } from '@/lib/identifiers/parse';

/**
 * The accounts a reset request points at. `either`: the identifier when it names an account
 * (a shared email names all of its accounts), else the email. `both`: one account whose
 * identifier and email both match (RESET_MATCH=both, for organisations that want both asked).
 * Five digits with both kinds enabled name the client code, else the licence with its zeros
 * restored, as at sign-in (`findAccountByNumber`).
 */
export async function accountsForReset(
  identifier: Identifier | null,
  email: string | null,
  match: 'either' | 'both',
  kinds: readonly IdentifierKind[] = getConfig().identifierKinds,
): Promise<Account[]> {
  const db = getDb();
  const byIdentifier = async (parsed: Identifier) => {
    if (parsed.type === 'email') return db.select().from(accounts).where(eq(accounts.email, parsed.value)).limit(50);
    const account = await findAccountByNumber(parsed, kinds);
    return account ? [account] : [];
  };
  const byEmail = (value: string) => db.select().from(accounts).where(eq(accounts.email, value)).limit(50);

  if (match === 'both') {
    if (!identifier || !email) return [];
    return (await byIdentifier(identifier)).filter((a) => a.email === email);
  }
  const found = identifier ? await byIdentifier(identifier) : [];
  if (found.length > 0) return found;
  return email ? byEmail(email) : [];
}
