import 'server-only';
import path from 'node:path';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { getConfig } from '@/lib/config';
import { currentDriver, getDb } from '@/lib/db/client';
import { withoutClientNotes } from '@/lib/db/connection-url';
import { processSlot } from '@/lib/singleton';

const migrationsFolder = path.join(process.cwd(), 'drizzle');
// Once per process, kept across hot reloads.
const migrated = processSlot<Promise<void>>('__sesameMigrated');

async function migratePostgresLocked(url: string) {
  // A dedicated single connection, so the advisory lock and the migration share a session
  // and several instances starting together apply each migration once. It goes to the direct
  // address (DATABASE_URL_UNPOOLED) when there is one: a pooler in transaction mode would not keep
  // the session, hence the lock, from one statement to the next.
  const client = postgres(withoutClientNotes(url), { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(hashtext('sesame-migrations'))`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Applies pending migrations once per process. */
export function ensureMigrated(): Promise<void> {
  migrated.value ??= (async () => {
    const { migrationUrl } = getConfig();
    if (migrationUrl && currentDriver() === 'postgres') await migratePostgresLocked(migrationUrl);
    else await migratePglite(getDb() as unknown as PgliteDatabase, { migrationsFolder });
  })().catch((error) => {
    migrated.value = undefined;
    throw error;
  });
  return migrated.value;
}
