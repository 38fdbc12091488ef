/**
 * npm run bench: the time of one sign-in on the server (throttle check, account lookup, one bcrypt
 * comparison, session row, audit row) next to one bcrypt comparison alone, at BCRYPT_COST (12).
 * Then the timing table of issue 19: a sign-in against a hash imported from WordPress or PHP, right
 * and wrong, next to a known account's and an unknown identifier's (`--only imported` runs that
 * table alone; WEB_CONCURRENCY=2 on a 2-core machine gives the pool one thread, as `npm start` on
 * Postgres does).
 * Embedded database in memory unless DATABASE_URL is set (then that database is used: not production!).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { clearLoginFailures } from '@/lib/throttles/login';
import { dummyHash, verifyPassword } from '@/lib/crypto/password-hash';
import { closeHashPool, hashPoolState } from '@/lib/crypto/hash-pool';
import { signInWithPassword } from '@/lib/sign-in/password';
import { advanceClock, MINUTE, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { ensureMigrated } from '@/lib/db/migrate';

process.env.PGLITE_DIR ??= 'memory://';
process.env.DEV_TOOLS ??= '1';
const RUNS = 20;
const request = { ip: '127.0.0.1', userAgent: 'bench' };

async function median(label: string, task: () => Promise<unknown>): Promise<number> {
  await task(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
  console.log(`${label.padEnd(44)} median ${mid.toFixed(1).padStart(7)} ms   min ${times[0].toFixed(1)}   max ${times.at(-1)!.toFixed(1)}`);
  return mid;
}

const { bcryptCost, databaseUrl } = getConfig();
await ensureMigrated();
await seedDemoAccounts();
console.log(`bcrypt cost ${bcryptCost}, ${databaseUrl ? 'Postgres' : 'embedded database (PGlite, in memory)'}, ${RUNS} runs each\n`);

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
if (only !== 'imported') {
  const hash = await bcrypt.hash('Sesame-Demo-2026', bcryptCost);
  const bcryptMs = await median('one bcrypt comparison (bcryptjs)', () => bcrypt.compare('Sesame-Demo-2026', hash));
  const dummy = await dummyHash();
  await median('one pre-hashed comparison (sha256 + bcrypt)', () => verifyPassword('Sesame-Demo-2026', dummy));
  // Each sign-in row starts past the window of the address's limits (30 failures, 200 checks per
  // 15 minutes), which the rows before it used: else the unknown identifier's row times throttled answers.
  advanceClock(16 * MINUTE);
  const okMs = await median('sign-in, right password', () =>
    signInWithPassword({ identifier: '123456', password: 'Sesame-Demo-2026', remember: false }, request),
  );
  advanceClock(16 * MINUTE);
  const wrongMs = await median('sign-in, wrong password', async () => {
    await signInWithPassword({ identifier: '00024680', password: 'wrong-password', remember: false }, request);
    await clearLoginFailures('00024680');
  });
  advanceClock(16 * MINUTE);
  await median('sign-in, unknown identifier', async () => {
    await signInWithPassword({ identifier: '00999999', password: 'wrong-password', remember: false }, request);
    await clearLoginFailures('00999999');
  });
  console.log(`\nsign-in overhead beyond bcrypt: ${(okMs - bcryptMs).toFixed(1)} ms (right), ${(wrongMs - bcryptMs).toFixed(1)} ms (wrong)`);
}

// Issue 19: the time of an answer must tell neither which accounts still hold an imported hash nor
// whether the password was right. Every case is timed once per round, the rounds interleaving them
// so that the machine's load falls on all alike; only the sign-in itself is timed (putting the
// imported hash back, clearing failures and moving the clock past the budgets' window are not).
if (only === null || only === 'imported') {
  const IMPORTED_RUNS = Number(process.env.BENCH_RUNS) || 30;
  type Fixture = { password: string; hash: string };
  const { hashes } = JSON.parse(readFileSync(path.join(process.cwd(), 'test/fixtures/wordpress-hashes.json'), 'utf8')) as { hashes: Fixture[] };
  const PASSWORD = 'Sesame-Demo-2026';
  const fixture = (prefix: string) => hashes.find((f) => f.hash.startsWith(prefix) && f.password === PASSWORD)!.hash;
  const imported = { phpass: fixture('$P$B'), 'wp-bcrypt 10': fixture('$wp$2y$10$'), 'bcrypt 10': fixture('$2y$10$') };
  // Marie (00123456) holds the imported hash of each case in turn, as the import writes it.
  const reimport = (hash: string) => async () => {
    await getDb().update(accounts).set({ passwordHash: null, importedPasswordHash: hash, passwordImportedAt: now() }).where(eq(accounts.identifier, '00123456'));
  };
  const touch = (identifier: string) => async () => {
    await getDb().update(accounts).set({ updatedAt: now() }).where(eq(accounts.identifier, identifier));
  };
  type Case = { label: string; identifier: string; password: string; setup?: () => Promise<void> };
  const cases: Case[] = [
    { label: 'known, bcrypt of Sésame, right', identifier: '00024680', password: 'Durand-Lea-2026' },
    { label: 'known, bcrypt of Sésame, wrong', identifier: '00024680', password: 'Durand-Lea-2026-x' },
    // A control: the same, its row written just before, as each imported case's is (`reimport`).
    { label: 'known, bcrypt of Sésame, wrong, row written', identifier: '00024680', password: 'Durand-Lea-2026-x', setup: touch('00024680') },
    { label: 'unknown identifier', identifier: '00999999', password: PASSWORD },
    ...Object.entries(imported).flatMap(([format, hash]) => [
      { label: `known, imported ${format}, right`, identifier: '00123456', password: PASSWORD, setup: reimport(hash) },
      { label: `known, imported ${format}, wrong`, identifier: '00123456', password: `${PASSWORD}-x`, setup: reimport(hash) },
    ]),
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.label, []]));
  const signIn = (c: Case) => signInWithPassword({ identifier: c.identifier, password: c.password, remember: false }, request);
  advanceClock(16 * MINUTE);
  for (const c of cases) {
    await c.setup?.();
    await signIn(c); // warm-up
    await clearLoginFailures(c.identifier);
  }
  for (let round = 0; round < IMPORTED_RUNS; round += 1) {
    for (const c of cases) {
      await c.setup?.();
      const start = performance.now();
      const result = await signIn(c);
      times.get(c.label)!.push(performance.now() - start);
      if (result.ok !== c.label.endsWith('right')) throw new Error(`${c.label}: ${JSON.stringify(result)}`);
      await clearLoginFailures(c.identifier);
    }
    // Past the window of the budgets of checks (30 per identifier per 15 minutes).
    advanceClock(16 * MINUTE);
  }
  const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const rows = cases.map((c) => {
    const sorted = times.get(c.label)!.sort((a, b) => a - b);
    const median = (quantile(sorted, 0.5) + sorted[Math.ceil(sorted.length / 2) - 1]) / 2;
    return { label: c.label, median, p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
  });
  const reference = rows[1].median;
  console.log(
    `\nImported hashes (issue 19): bcrypt cost ${bcryptCost}, hashing pool of ${hashPoolState().threads} thread(s), ${IMPORTED_RUNS} interleaved rounds\n`,
  );
  console.log(`${'case'.padEnd(46)} ${'median'.padStart(8)} ${'p10'.padStart(8)} ${'p90'.padStart(8)} ${'vs known wrong'.padStart(15)}`);
  for (const r of rows) {
    const vs = `${r.median >= reference ? '+' : ''}${(r.median - reference).toFixed(1)} ms`;
    console.log(`${r.label.padEnd(46)} ${r.median.toFixed(1).padStart(8)} ${r.p10.toFixed(1).padStart(8)} ${r.p90.toFixed(1).padStart(8)} ${vs.padStart(15)}`);
  }
  const noise = Math.max(...rows.map((r) => r.p90 - r.p10)) / 2;
  const spread = Math.max(...rows.map((r) => r.median)) - Math.min(...rows.map((r) => r.median));
  console.log(`\nmedians within ${spread.toFixed(1)} ms of one another; the widest half p10–p90 spread (noise) is ${noise.toFixed(1)} ms`);
}
await closeHashPool();
await closeDb();
