import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of an embedded database holding the migrated schema, or '' on Postgres. */
    pgliteTemplate: string;
  }
}

const migrationsFolder = path.resolve('drizzle');

/** Every file of drizzle/, so that a new or changed migration makes a new template. */
function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(migrationsFolder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(migrationsFolder, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Vitest's global set-up: the embedded database every test file starts from, migrated once per
 * set of migrations (.data/vitest/), since creating one from nothing costs seconds per test file.
 * lib/db/client.ts loads it when PGLITE_TEMPLATE names it (test/setup.ts); on Postgres there is none.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteTemplate', '');
    return;
  }
  const file = path.resolve('.data', 'vitest', `pglite-${migrationsDigest()}.tar.gz`);
  if (!existsSync(file)) {
    const db = new PGlite();
    await migrate(drizzle(db), { migrationsFolder });
    const dump = await db.dumpDataDir('gzip');
    await db.close();
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside then renamed: a run interrupted mid-write leaves no half template behind.
    writeFileSync(`${file}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.${process.pid}`, file);
  }
  project.provide('pgliteTemplate', file);
}
