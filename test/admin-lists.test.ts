import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { allListed, countLists, listAccounts, listSearch, PAGE_SIZE, parisMidnight, readListQuery } from '@/lib/accounts/list';
import { identifierKey } from '@/lib/throttles/login';
import { MINUTE, now } from '@/lib/clock';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, throttles } from '@/lib/db/schema';
import { resetDatabase } from './database';

/** `n` pending licence accounts 00500000…, invited on the given day (Paris noon) when one is given. */
async function addAccounts(n: number, values: Partial<typeof accounts.$inferInsert> = {}, start = 500_000) {
  const rows = Array.from({ length: n }, (_, i) => ({
    identifier: String(start + i).padStart(8, '0'),
    kind: 'licence' as const,
    email: `member${start + i}@example.test`,
    name: `Member ${start + i}`,
    ...values,
  }));
  await getDb().insert(accounts).values(rows);
}

beforeEach(resetDatabase);
afterAll(closeDb);

describe('reading a list from the address', () => {
  it('keeps known values and falls back on the others', () => {
    expect(readListQuery({ filtre: 'bloques', avant: '2026-02-01', page: '3' })).toEqual({ filter: 'bloques', before: '2026-02-01', page: 3, badDate: false });
    expect(readListQuery({ filtre: 'drop table', avant: '2026-02-30', page: '-1' })).toEqual({ filter: 'tous', before: null, page: 1, badDate: true });
    expect(readListQuery({ filtre: ['a', 'b'], page: '1.5' })).toEqual({ filter: 'tous', before: null, page: 1, badDate: false });
    expect(readListQuery(new URLSearchParams('filtre=desactives&page=99999999999'))).toMatchObject({ filter: 'desactives', page: 1_000_000 });
    expect(listSearch({ filter: 'tous', before: null, page: 1 })).toBe('');
    expect(listSearch({ filter: 'jamais-actives', before: '2026-01-31', page: 2 })).toBe('?filtre=jamais-actives&avant=2026-01-31&page=2');
  });

  it('reads a day as midnight in Paris, summer and winter', () => {
    expect(parisMidnight('2026-01-15')?.toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parisMidnight('2026-07-15')?.toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(parisMidnight('2026-02-29')).toBeNull();
    expect(parisMidnight('15/01/2026')).toBeNull();
  });
});

describe('lists of accounts', () => {
  it('pages 50 at a time in identifier order, with the count of every list', async () => {
    await addAccounts(120);
    const counts = await countLists(null);
    expect(counts).toEqual({ tous: 127, 'jamais-actives': 122, desactives: 0, bloques: 0 });
    const page1 = await listAccounts({ filter: 'jamais-actives', before: null, page: 1 });
    const page3 = await listAccounts({ filter: 'jamais-actives', before: null, page: 3 });
    expect(page1).toHaveLength(PAGE_SIZE);
    expect(page1[0].identifier).toBe('00067890');
    expect(page3.map((a) => a.identifier)).toHaveLength(22);
    expect(page3.slice(-2).map((a) => a.identifier)).toEqual(['00500119', '10006']);
    expect(await listAccounts({ filter: 'jamais-actives', before: null, page: 4 })).toEqual([]);
    expect(page3.every((a) => a.status === 'pending')).toBe(true);
  });

  it('lists disabled accounts', async () => {
    await addAccounts(3, { status: 'disabled' });
    const rows = await listAccounts({ filter: 'desactives', before: null, page: 1 });
    expect(rows.map((a) => a.identifier)).toEqual(['00500000', '00500001', '00500002']);
  });

  it('lists accounts locked out by their number or their email, not those whose wait is over', async () => {
    await addAccounts(4);
    const future = new Date(now().getTime() + 10 * MINUTE);
    const past = new Date(now().getTime() - 10 * MINUTE);
    await getDb().insert(throttles).values([
      { key: identifierKey('00500000'), count: 5, blockedUntil: future },
      { key: identifierKey('member500001@example.test'), count: 6, blockedUntil: future },
      { key: identifierKey('00500002'), count: 100, blockedUntil: past },
      { key: identifierKey('00500003'), count: 5, blockedUntil: past },
      { key: 'login:ip:203.0.113.7', count: 500, blockedUntil: future },
    ]);
    const rows = await listAccounts({ filter: 'bloques', before: null, page: 1 });
    expect(rows.map((a) => a.identifier)).toEqual(['00500000', '00500001', '00500002']);
    expect((await countLists(null)).bloques).toBe(3);
  });

  it('lists accounts invited before a day, alone or with another filter', async () => {
    await addAccounts(2, { invitedAt: new Date('2026-01-10T11:00:00Z') }, 500_000);
    await addAccounts(2, { invitedAt: new Date('2026-01-14T22:59:00Z') }, 600_000); // 23:59 in Paris on the 14th
    await addAccounts(2, { invitedAt: new Date('2026-01-14T23:00:00Z') }, 700_000); // midnight on the 15th
    await getDb().update(accounts).set({ status: 'disabled' }).where(sql`${accounts.identifier} = '00500001'`);
    const before = await listAccounts({ filter: 'tous', before: '2026-01-15', page: 1 });
    expect(before.map((a) => a.identifier)).toEqual(['00500000', '00500001', '00600000', '00600001']);
    expect((await listAccounts({ filter: 'jamais-actives', before: '2026-01-15', page: 1 })).map((a) => a.identifier)).toEqual(['00500000', '00600000', '00600001']);
    expect(await countLists('2026-01-15')).toEqual({ tous: 4, 'jamais-actives': 3, desactives: 1, bloques: 0 });
  });

  it('walks a whole list in chunks, each account once', async () => {
    await addAccounts(205);
    const seen: string[] = [];
    for await (const chunk of allListed({ filter: 'jamais-actives', before: null }, 50)) seen.push(...chunk.map((a) => a.identifier));
    expect(seen).toHaveLength(207);
    expect(new Set(seen).size).toBe(207);
    expect([...seen].sort()).toEqual(seen);
  });
});
