import { count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { accountRequests, accounts, auditEvents } from '@/lib/db/schema';
import { parseIdentifier, type IdentifierKind } from '@/lib/identifiers';
import type { RequestStatus } from '@/lib/schemas/admin';
import { withoutControls } from '@/lib/schemas/text';

export const SEARCH_LIMIT = 50;
export const QUEUE_LIMIT = 50;
export const EVENTS_LIMIT = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

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

export type QueueFilter = RequestStatus | 'all' | 'open';

export function queueFilter(raw: string | undefined): QueueFilter {
  return raw === 'new' || raw === 'in_progress' || raw === 'done' || raw === 'rejected' || raw === 'all' ? raw : 'open';
}

/** The latest 50 account-opening requests; by default those still to be handled. */
export async function listRequests(filter: QueueFilter) {
  const where =
    filter === 'all' ? undefined : filter === 'open' ? inArray(accountRequests.status, ['new', 'in_progress']) : eq(accountRequests.status, filter);
  return getDb()
    .select({
      id: accountRequests.id,
      name: accountRequests.name,
      organisation: accountRequests.organisation,
      email: accountRequests.email,
      status: accountRequests.status,
      createdAt: accountRequests.createdAt,
    })
    .from(accountRequests)
    .where(where)
    .orderBy(desc(accountRequests.createdAt))
    .limit(QUEUE_LIMIT);
}

export async function findRequest(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb().select().from(accountRequests).where(eq(accountRequests.id, id)).limit(1);
  return row ?? null;
}

export async function findAccount(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await getDb().select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
}

export async function findAccountByIdentifier(identifier: string) {
  const [row] = await getDb().select({ id: accounts.id }).from(accounts).where(eq(accounts.identifier, identifier)).limit(1);
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
