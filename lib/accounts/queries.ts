import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { ParsedIdentifier } from '@/lib/identifiers';

/**
 * The account a parsed identifier points at. An email shared by several accounts points at none:
 * the person must use the number printed on their card or invoice.
 */
export async function findAccountForSignIn(parsed: Extract<ParsedIdentifier, { ok: true }>): Promise<Account | null> {
  const db = getDb();
  if (parsed.type === 'email') {
    const rows = await db.select().from(accounts).where(eq(accounts.email, parsed.value)).limit(2);
    return rows.length === 1 ? rows[0] : null;
  }
  const [row] = await db.select().from(accounts).where(eq(accounts.identifier, parsed.value)).limit(1);
  return row && row.kind === parsed.type ? row : null;
}
