import { count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { isUuid } from '@/lib/db/ids';
import { accountRequests, accounts, auditEvents, type Account } from '@/lib/db/schema';
import { withoutControls } from '@/lib/forms/text';
import { getConfig } from '@/lib/config';
import { identifierCandidates } from '@/lib/identifiers/candidates';
import { parseIdentifier, type Identifier, type IdentifierKind } from '@/lib/identifiers/parse';

/** Reading accounts: for sign-in, and for customer service's search, counters and history. */
export const SEARCH_LIMIT = 50;
export const EVENTS_LIMIT = 30;

/**
 * The account a parsed identifier points at. An email shared by several accounts points at none:
 * the person must use the number printed on their card or invoice.
 */
export async function findAccountForSignIn(parsed: Identifier, kinds = getConfig().identifierKinds): Promise<Account | null> {
  if (parsed.type === 'email') {
    const rows = await getDb().select().from(accounts).where(eq(accounts.email, parsed.value)).limit(2);
    return rows.length === 1 ? rows[0] : null;
  }
  return findAccountByNumber(parsed, kinds);
}

/**
 * The account a licence number or client code points at. Five digits with both kinds enabled
 * stand for the client code, else the licence with its zeros restored (`identifierCandidates`):
 * one query for both, whichever exists, so the time taken says nothing about which does.
 */
export async function findAccountByNumber(parsed: Identifier, kinds: readonly IdentifierKind[]): Promise<Account | null> {
  const candidates = identifierCandidates(parsed, kinds).filter((c) => c.type !== 'email');
  const rows = await getDb()
    .select()
    .from(accounts)
    .where(inArray(accounts.identifier, candidates.map((c) => c.value)))
    // Client codes first: the order of `identifierCandidates`.
    .orderBy(sql`case ${accounts.kind} when 'client' then 0 else 1 end`)
    .limit(candidates.length);
  for (const candidate of candidates) {
    const row = rows.find((r) => r.identifier === candidate.value && r.kind === candidate.type);
    if (row) return row;
  }
  return null;
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
