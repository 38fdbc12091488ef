import { count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { isUuid } from '@/lib/db/ids';
import { accountRequests, accounts, auditEvents, type Account } from '@/lib/db/schema';
import { withoutControls } from '@/lib/forms/text';
import { parseIdentifier, type Identifier, type IdentifierKind } from '@/lib/identifiers/parse';

/** Reading accounts: for sign-in, and for customer service's search, counters and history. */
export const SEARCH_LIMIT = 50;
export const EVENTS_LIMIT = 30;

/**
 * The account a parsed identifier points at. An email shared by several accounts points at none:
 * the person must use the number printed on their card or invoice.
 */
export async function findAccountForSignIn(parsed: Identifier): Promise<Account | null> {
  const db = getDb();
  if (parsed.type === 'email') {
    const rows = await db.select().from(accounts).where(eq(accounts.email, parsed.value)).limit(2);
    return rows.length === 1 ? rows[0] : null;
  }
  const [row] = await db.select().from(accounts).where(eq(accounts.identifier, parsed.value)).limit(1);
  return row && row.kind === parsed.type ? row : null;
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern once escaped. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type Counters = { accounts: number; activated: number; activatedPercent: number; pendingRequests: number };

export async function adminCounters(): Promise<Counters> {
  const db = getDb();
  const [totals] = await db
    .select({
      total: count(),
      activated: sql<number>`count(*) filter (where ${accounts.status} = 'active' or ${accounts.activatedAt} is not null)`.mapWith(Number),
    })
    .from(accounts);
  const [requests] = await db
    .select({ n: count() })
    .from(accountRequests)
    .where(inArray(accountRequests.status, ['new', 'in_progress']));
  return {
    accounts: totals.total,
    activated: totals.activated,
    activatedPercent: totals.total === 0 ? 0 : Math.round((totals.activated / totals.total) * 100),
    pendingRequests: requests.n,
  };
}

/** Accounts whose identifier, email or name contains the query (case-insensitive); at most 50. */
export async function searchAccounts(query: string, kinds: readonly IdentifierKind[]) {
  const q = withoutControls(query.normalize('NFKC')).replace(/\s+/g, ' ').trim();
  if (q === '') return [];
  const pattern = `%${escapeLike(q)}%`;
  const parsed = parseIdentifier(q, kinds);
  const conditions: SQL[] = [ilike(accounts.identifier, pattern), ilike(accounts.email, pattern), ilike(accounts.name, pattern)];
  if (parsed.ok && parsed.type !== 'email') conditions.unshift(eq(accounts.identifier, parsed.value));
  return getDb()
    .select({
      id: accounts.id,
      identifier: accounts.identifier,
      kind: accounts.kind,
      name: accounts.name,
      email: accounts.email,
      status: accounts.status,
      role: accounts.role,
    })
    .from(accounts)
    .where(or(...conditions))
    .orderBy(accounts.identifier)
    .limit(SEARCH_LIMIT);
}

export async function findAccount(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb().select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
}

export async function recentAccountEvents(accountId: string) {
  return getDb()
    .select({ id: auditEvents.id, at: auditEvents.at, type: auditEvents.type, ip: auditEvents.ip, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(eq(auditEvents.accountId, accountId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(EVENTS_LIMIT);
}
