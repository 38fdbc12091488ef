import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { Identifier } from '@/lib/identifiers/parse';

/**
 * The accounts a reset request points at. `either`: the identifier when it names an account
 * (a shared email names all of its accounts), else the email. `both`: one account whose
 * identifier and email both match (RESET_MATCH=both, for organisations that want both asked).
 */
export async function accountsForReset(identifier: Identifier | null, email: string | null, match: 'either' | 'both'): Promise<Account[]> {
  const db = getDb();
  const byIdentifier = async (parsed: Identifier) =>
    parsed.type === 'email'
      ? db.select().from(accounts).where(eq(accounts.email, parsed.value)).limit(50)
      : db.select().from(accounts).where(and(eq(accounts.identifier, parsed.value), eq(accounts.kind, parsed.type))).limit(1);
  const byEmail = (value: string) => db.select().from(accounts).where(eq(accounts.email, value)).limit(50);

  if (match === 'both') {
    if (!identifier || !email) return [];
    return (await byIdentifier(identifier)).filter((a) => a.email === email);
  }
  const found = identifier ? await byIdentifier(identifier) : [];
  if (found.length > 0) return found;
  return email ? byEmail(email) : [];
}
