/**
 * The account import on 100,000 rows (first import, unchanged re-import, re-import changing every
 * name) in rows per second, then the Resend requests that 1,000 invitations take (local stub).
 *   PGLITE_DIR=memory:// npx tsx --conditions=react-server bench/import.bench.ts
 *   DATABASE_URL=postgres://…/sesame_bench npx tsx --conditions=react-server bench/import.bench.ts
 * It deletes and recreates the accounts 70000000 to 70099999 of that database: never on production.
 */
import { between, eq } from 'drizzle-orm';
import { startResendStub } from '../e2e/helpers/resend-stub.mjs';
import { importAccounts } from '@/lib/accounts/import';
import { invitePending } from '@/lib/accounts/invite';
import { getConfig } from '@/lib/config';
import { closeDb, getDb } from '@/lib/db/client';
import { ensureMigrated } from '@/lib/db/migrate';
import { accounts, auditEvents } from '@/lib/db/schema';

const ROWS = 100_000;
const INVITATIONS = 1_000;

// Before the configuration is first read (it is cached).
const stub = await startResendStub();
process.env.PGLITE_DIR ??= 'memory://';
process.env.DEV_TOOLS ??= '1';
process.env.RESEND_API_KEY = 're_bench';
process.env.RESEND_BASE_URL = stub.url;

/** What French Excel writes: BOM, `;`, CRLF; a licence in ten has lost its leading zeros. */
function csv(nameSuffix = ''): string {
  const lines = ['identifier;kind;email;name;locale'];
  for (let i = 0; i < ROWS; i += 1) {
    const identifier = String(70_000_000 + i);
    const locale = i % 4 === 0 ? 'en' : 'fr';
    lines.push(`${identifier};licence;member${i}@example.org;"Membre ${i}; club ${i % 500}${nameSuffix}";${locale}`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function timed(label: string, text: string) {
  const start = performance.now();
  const report = await importAccounts(text, { dryRun: false });
  const seconds = (performance.now() - start) / 1000;
  const counts = `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, errors ${report.errors.length}`;
  console.log(`${label.padEnd(28)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(ROWS / seconds).toLocaleString('en-US').padStart(8)} rows/s  (${counts})`);
}

const { databaseUrl } = getConfig();
await ensureMigrated();
const db = getDb();
// A previous run's accounts (their audit rows first: each deleted account is looked up there).
await db.delete(auditEvents).where(between(auditEvents.identifier, '70000000', '70099999'));
await db.delete(accounts).where(between(accounts.identifier, '70000000', '70099999'));
console.log(`${ROWS.toLocaleString('en-US')} rows, ${databaseUrl ? 'Postgres' : 'embedded database (PGlite, in memory)'}\n`);

const original = csv();
console.log(`CSV generated: ${(original.length / 1e6).toFixed(1)} MB`);
// audit() logs one line per import; the figures are what this prints.
const info = console.info;
console.info = () => {};
await timed('first import', original);
await timed('re-import, nothing changed', original);
await timed('re-import, every name changed', csv(' (2)'));

// Invitations: count the batch requests the SDK makes to the stub.
let requests = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  if (String(input).endsWith('/emails/batch')) requests += 1;
  return realFetch(input, init);
};
const start = performance.now();
const report = await invitePending({ limit: INVITATIONS });
const seconds = (performance.now() - start) / 1000;
console.info = info;
console.log(
  `\n${report.invited.toLocaleString('en-US')} invitations: ${requests} Resend batch requests, ${stub.messages().length} emails received by the stub, ` +
    `${seconds.toFixed(1)} s (rate limit: one request every 0.6 s); ${report.failedBatches.length} refused`,
);
const [one] = await db.select().from(accounts).where(eq(accounts.identifier, '70000000'));
console.log(`account 70000000 after the run: status ${one.status}, invited ${one.invitedAt ? 'yes' : 'no'}, name "${one.name}"`);

await closeDb();
await stub.close();
