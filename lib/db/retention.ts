import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { DAY } from '@/lib/clock';
import type { Config } from '@/lib/config';

/** The retention settings, in days (lib/config.ts). */
export type RetentionDays = Config['retention'];

/**
 * How long a table's rows are kept, declared beside the module that owns the table; the daily
 * purge (lib/retention/purge.ts) applies every declaration.
 */
export type Retention = {
  table: PgTable;
  /** A column that identifies a row: deletes go by it, a slice at a time. */
  id: AnyPgColumn;
  /** The rows no longer kept at `at`: which ones, and after how long. */
  expired: (at: Date, days: RetentionDays) => SQL;
  /** Why they may go then. */
  reason: string;
};

/** The moment `days` days before `at`. */
export const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY);
