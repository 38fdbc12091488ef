import 'server-only';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getConfig } from '@/lib/config';
import { withoutClientNotes } from '@/lib/db/connection-url';
import { claimDataDir, releaseDataDir } from '@/lib/db/data-dir-lock';
import * as schema from '@/lib/db/schema';
import { behindSesameServer } from '@/lib/runtime';
import { processSlot } from '@/lib/singleton';

/** Both drivers expose the same Drizzle API; this is the one type the rest of the code sees. */
export type Db = PostgresJsDatabase<typeof schema>;

type Handle = { db: Db; close: () => Promise<void>; driver: 'pglite' | 'postgres' };

// One handle per process, kept across hot reloads: PGlite must never be opened twice.
const opened = processSlot<Handle>('__sesameDb');

/**
 * An in-memory database starts empty, or from PGLITE_TEMPLATE: a dump of one whose migrations are
 * applied (test/pglite-template.ts makes it for the tests, where creating each file's database
 * from nothing took seconds).
 */
function inMemoryOptions() {
  const template = process.env.PGLITE_TEMPLATE;
  return template ? { loadDataDir: new Blob([readFileSync(/* turbopackIgnore: true */ template)]) } : undefined;
}

function openPglite(dir: string): Handle {
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) claimDataDir(dir);
  const client = inMemory ? new PGlite(inMemoryOptions()) : new PGlite(dir);
  client.waitReady.catch(() => {
    // Opening failed: forget the handle so the next request tries again.
    if (!inMemory) releaseDataDir(dir);
    opened.value = undefined;
  });
  return {
    driver: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    close: async () => {
      await client.close();
      if (!inMemory) releaseDataDir(dir);
    },
  };
}

function openPostgres(url: string, prepare: boolean): Handle {
  // prepare: false behind a pooler in transaction mode, where the next statement may reach another
  // server connection that never saw the prepared one.
  const client = postgres(withoutClientNotes(url), { max: 10, idle_timeout: 30, prepare, onnotice: () => {} });
  return { driver: 'postgres', db: drizzlePostgres(client, { schema }), close: () => client.end({ timeout: 5 }) };
}

function handle(): Handle {
  if (!opened.value) {
    const { databaseUrl, pgliteDir, preparedStatements } = getConfig();
    opened.value = databaseUrl ? openPostgres(databaseUrl, preparedStatements) : openPglite(pgliteDir);
    registerShutdown();
  }
  return opened.value;
}

/** The database of this process, opened on first use (never at build time). */
export function getDb(): Db {
  return handle().db;
}

export function currentDriver(): 'pglite' | 'postgres' {
  return handle().driver;
}

export async function closeDb(): Promise<void> {
  const current = opened.value;
  opened.value = undefined;
  await current?.close();
}

let shutdownRegistered = false;
/** Closes the database on a stop signal, unless server.mjs runs a graceful stop (lib/shutdown.ts). */
function registerShutdown() {
  if (shutdownRegistered || behindSesameServer()) return;
  shutdownRegistered = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void closeDb().finally(() => process.exit(0));
    });
  }
}
