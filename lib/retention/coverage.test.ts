import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '@/lib/db/schema';
import { KEPT_AS_SETTINGS, KEPT_WITH_THE_ACCOUNT, PURGED_TABLES } from '@/lib/retention/purge';

const tables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

describe('retention', () => {
  it('is declared for every table: purged (lib/retention/purge.ts), or kept with the account and deleted with it', () => {
    const declared = new Set([...PURGED_TABLES, ...Object.keys(KEPT_WITH_THE_ACCOUNT), ...Object.keys(KEPT_AS_SETTINGS)]);
    expect(tables.filter((table) => !declared.has(table))).toEqual([]);
  });

  it('purges the tables that outlive what they were for, webauthn challenges included', () => {
    expect(PURGED_TABLES).toEqual(expect.arrayContaining(['email_change_links', 'account_imports', 'email_events', 'webauthn_challenges', 'throttles', 'sessions']));
  });
});
