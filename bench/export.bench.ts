/**
 * npm run bench:export: the CSV export of 100,000 accounts (/admin/comptes/export), as the route
 * streams it: time to the first bytes, total time, size, and the heap it needed.
 *   npm run bench:export                                         (embedded database, in memory)
 *   DATABASE_URL=postgres://…/sesame_bench npm run bench:export  (that database: never production)
 * It deletes and recreates the accounts 71000000 to 71099999 of that database.
 */
import { between } from 'drizzle-orm';
import { exportStream } from '@/lib/accounts/export';
import { getConfig } from '@/lib/config';
import { closeDb, getDb } from '@/lib/db/client';
import { ensureMigrated } from '@/lib/db/migrate';
import { accounts } from '@/lib/db/schema';

process.env.PGLITE_DIR ??= 'memory://';
// The configuration asks for a secret and a mail key outside development; this sends nothing.
process.env.DEV_TOOLS ??= '1';
const ROWS = 100_000;
const RUNS = 3;

const { databaseUrl } = getConfig();
await ensureMigrated();
const db = getDb();
await db.delete(accounts).where(between(accounts.identifier, '71000000', '71099999'));
const invited = new Date('2026-01-10T09:00:00Z');
for (let start = 0; start < ROWS; start += 5_000) {
  await db.insert(accounts).values(
    Array.from({ length: 5_000 }, (_, j) => {
      const i = start + j;
      return {
        identifier: String(71_000_000 + i),
        kind: 'licence' as const,
        email: `member${i}@example.org`,
        // One name in ten would run as a formula in a spreadsheet; one in ten needs quotes.
        name: i % 10 === 0 ? `=HYPERLINK("x";"Membre ${i}")` : i % 10 === 1 ? `Membre ${i}; club ${i % 500}` : `Membre ${i}`,
        invitedAt: i % 2 === 0 ? invited : null,
      };
    }),
  );
}
console.log(`${ROWS.toLocaleString('en-US')} accounts, ${databaseUrl ? 'Postgres' : 'embedded database (PGlite, in memory)'}\n`);

for (let run = 1; run <= RUNS; run += 1) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const start = performance.now();
  let firstByte = 0;
  let bytes = 0;
  let rows = 0;
  const reader = exportStream({ filter: 'tous', before: null }, (n) => {
    rows = n;
  }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) firstByte = performance.now() - start;
    bytes += value.byteLength;
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `run ${run}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s ` +
      `(${Math.round(rows / seconds).toLocaleString('en-US')} rows/s), first bytes after ${firstByte.toFixed(0)} ms, ` +
      `${(bytes / 1e6).toFixed(1)} MB, heap +${((heapPeak - heapBefore) / 1e6).toFixed(0)} MB at most`,
  );
}

await db.delete(accounts).where(between(accounts.identifier, '71000000', '71099999'));
await closeDb();
