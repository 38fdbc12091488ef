/**
 * npm run bench: the time of one sign-in on the server (throttle check, account lookup, one bcrypt
 * comparison, session row, audit row) next to one bcrypt comparison alone, at BCRYPT_COST (12).
 * Embedded database in memory unless DATABASE_URL is set (then that database is used: not production!).
 */
import bcrypt from 'bcryptjs';
import { seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { clearLoginFailures } from '@/lib/throttles/login';
import { dummyHash, verifyPassword } from '@/lib/crypto/password-hash';
import { signInWithPassword } from '@/lib/sign-in/password';
import { getConfig } from '@/lib/config';
import { closeDb } from '@/lib/db/client';
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

const hash = await bcrypt.hash('Sesame-Demo-2026', bcryptCost);
const bcryptMs = await median('one bcrypt comparison (bcryptjs)', () => bcrypt.compare('Sesame-Demo-2026', hash));
const dummy = await dummyHash();
await median('one pre-hashed comparison (sha256 + bcrypt)', () => verifyPassword('Sesame-Demo-2026', dummy));
const okMs = await median('sign-in, right password', () =>
  signInWithPassword({ identifier: '123456', password: 'Sesame-Demo-2026', remember: false }, request),
);
const wrongMs = await median('sign-in, wrong password', async () => {
  await signInWithPassword({ identifier: '00024680', password: 'wrong-password', remember: false }, request);
  await clearLoginFailures('00024680');
});
await median('sign-in, unknown identifier', async () => {
  await signInWithPassword({ identifier: '00999999', password: 'wrong-password', remember: false }, request);
  await clearLoginFailures('00999999');
});
console.log(`\nsign-in overhead beyond bcrypt: ${(okMs - bcryptMs).toFixed(1)} ms (right), ${(wrongMs - bcryptMs).toFixed(1)} ms (wrong)`);
await closeDb();
