import { and, asc, count, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, throttles } from '@/lib/db/schema';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';

/**
 * Customer service's lists of accounts (/admin/comptes) and their CSV export: one filter, an
 * optional "invited before" date, 50 accounts a page in identifier order. The address carries the
 * whole query (?filtre=, ?avant=, ?page=), so a list can be bookmarked, shared and exported as is.
 */
export const PAGE_SIZE = 50;
export const LIST_FILTERS = ['tous', 'jamais-actives', 'desactives', 'bloques'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export type ListQuery = { filter: ListFilter; before: string | null; page: number };

const MAX_PAGE = 1_000_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;
const one = (params: Params, name: string) => {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return typeof value === 'string' ? value : undefined;
};

/** The list asked for by the address; anything unreadable falls back to its default rather than failing. */
export function readListQuery(params: Params): ListQuery & { badDate: boolean } {
  const filterParam = one(params, 'filtre');
  const filter = LIST_FILTERS.find((f) => f === filterParam) ?? 'tous';
  const beforeParam = one(params, 'avant')?.trim() ?? '';
  const before = beforeParam && parisMidnight(beforeParam) ? beforeParam : null;
  const pageParam = Number(one(params, 'page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? Math.min(pageParam, MAX_PAGE) : 1;
  return { filter, before, page, badDate: beforeParam !== '' && before === null };
}

/** The address of a list, without its defaults. */
export function listSearch(query: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  if (query.filter && query.filter !== 'tous') params.set('filtre', query.filter);
  if (query.before) params.set('avant', query.before);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * Midnight in Paris (the organisation's time, as dates are shown) at the start of a YYYY-MM-DD
 * day, or null for a date that does not exist.
 */
export function parisMidnight(day: string): Date | null {
  const match = DATE.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(y, m - 1, d);
  const asDate = new Date(utc);
  if (y < 2000 || y > 2200 || asDate.getUTCMonth() !== m - 1 || asDate.getUTCDate() !== d) return null;
  // Paris is 1 or 2 hours ahead of UTC; its offset at noon that day is the offset at midnight
  // (changes happen at 2 or 3 in the morning).
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(utc + 12 * 3_600_000))
    .find((p) => p.type === 'timeZoneName')?.value;
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '') ?? [];
  const offsetMs = sign ? (sign === '+' ? 1 : -1) * (Number(hours) * 60 + Number(minutes)) * 60_000 : 0;
  return new Date(utc - offsetMs);
}

/**
 * Accounts whose number or email is locked out of signing in: a wait running, or 100 failures
 * (which only a reset or staff clear). Driven from the throttles table, which holds few rows.
 */
function throttled(): SQL {
  const { prefix, limit } = THROTTLE_POLICIES.loginIdentifier;
  const locked = or(gt(throttles.blockedUntil, now()), sql`${throttles.count} >= ${limit}`);
  // The identifier is what follows the prefix (substr counts from 1).
  const identifiers = sql`select substr(${throttles.key}, ${sql.raw(String(prefix.length + 1))}) from ${throttles}`;
  const keys = sql`${identifiers} where ${throttles.key} like ${`${prefix}%`} and ${locked}`;
  return sql`(${accounts.identifier} in (${keys}) or ${accounts.email} in (${keys}))`;
}

const FILTER_CONDITIONS: Record<ListFilter, () => SQL | undefined> = {
  tous: () => undefined,
  'jamais-actives': () => eq(accounts.status, 'pending'),
  desactives: () => eq(accounts.status, 'disabled'),
  bloques: throttled,
};

const beforeCondition = (before: string | null) => {
  const cutoff = before ? parisMidnight(before) : null;
  return cutoff ? lt(accounts.invitedAt, cutoff) : undefined;
};

export function listCondition(query: Pick<ListQuery, 'filter' | 'before'>): SQL | undefined {
  return and(FILTER_CONDITIONS[query.filter](), beforeCondition(query.before));
}

export const LIST_COLUMNS = {
  id: accounts.id,
  identifier: accounts.identifier,
  kind: accounts.kind,
  email: accounts.email,
  name: accounts.name,
  locale: accounts.locale,
  role: accounts.role,
  status: accounts.status,
  invitedAt: accounts.invitedAt,
  activatedAt: accounts.activatedAt,
  lastSignInAt: accounts.lastSignInAt,
  createdAt: accounts.createdAt,
};
const selectListed = () => getDb().select(LIST_COLUMNS).from(accounts);
export type ListedAccount = Awaited<ReturnType<typeof selectListed>>[number];

/** One page of a list. */
export async function listAccounts(query: ListQuery): Promise<ListedAccount[]> {
  return selectListed()
    .where(listCondition(query))
    .orderBy(asc(accounts.identifier))
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE);
}

export type ListCounts = Record<ListFilter, number>;

/** How many accounts each filter holds (with the same "invited before" date), in one statement. */
export async function countLists(before: string | null): Promise<ListCounts> {
  const [row] = await getDb()
    .select({
      tous: count(),
      'jamais-actives': sql<number>`count(*) filter (where ${FILTER_CONDITIONS['jamais-actives']()})`.mapWith(Number),
      desactives: sql<number>`count(*) filter (where ${FILTER_CONDITIONS.desactives()})`.mapWith(Number),
      bloques: sql<number>`count(*) filter (where ${throttled()})`.mapWith(Number),
    })
    .from(accounts)
    .where(beforeCondition(before));
  return row;
}

/**
 * Every account of a list, a chunk at a time in identifier order (a keyset, not an offset, so the
 * 100th chunk costs what the first does): the export streams them without holding the list.
 */
export async function* allListed(query: Pick<ListQuery, 'filter' | 'before'>, chunkSize = 2_000): AsyncGenerator<ListedAccount[]> {
  let after: string | null = null;
  for (;;) {
    const chunk: ListedAccount[] = await selectListed()
      .where(and(listCondition(query), after === null ? undefined : gt(accounts.identifier, after)))
      .orderBy(asc(accounts.identifier))
      .limit(chunkSize);
    if (chunk.length === 0) return;
    yield chunk;
    if (chunk.length < chunkSize) return;
    after = chunk[chunk.length - 1].identifier;
  }
}
