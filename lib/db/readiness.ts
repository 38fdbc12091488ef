import 'server-only';
import path from 'node:path';
import { max } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import { getDb } from '@/lib/db/client';

// Where Drizzle's migrator records what it applied (kept out of schema.ts: migrations do not own it).
const applied = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

export type Readiness = { ready: true } | { ready: false; reason: 'database_unreachable' | 'not_migrated' };

// The newest migration this build ships, read once (the folder is traced into every function).
let newestShipped: number | undefined;
function newestShippedMigration(): number {
  newestShipped ??= Math.max(0, ...readMigrationFiles({ migrationsFolder: path.join(process.cwd(), 'drizzle') }).map((m) => m.folderMillis));
  return newestShipped;
}

/**
 * Whether this instance can serve: the database answers and holds every migration this build
 * ships (Drizzle records each one's timestamp in drizzle.__drizzle_migrations). A load balancer
 * keeps traffic away from an instance that is not ready, and sends it back once it is.
 */
export async function checkReadiness(): Promise<Readiness> {
  let newest: number;
  try {
    const [row] = await getDb().select({ newest: max(applied.createdAt) }).from(applied);
    newest = Number(row?.newest ?? 0);
  } catch (error) {
    // No migrations table (42P01) or schema (3F000) yet: the database answers but was never migrated.
    const code = sqlState(error);
    return { ready: false, reason: code === '42P01' || code === '3F000' ? 'not_migrated' : 'database_unreachable' };
  }
  return newest >= newestShippedMigration() ? { ready: true } : { ready: false, reason: 'not_migrated' };
}

/** The SQLSTATE of a failed query; Drizzle wraps the driver's error as its cause. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
