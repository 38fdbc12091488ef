/**
 * npm run bench:passkey: the server's time for a passkey
 * sign-in (options with a fresh challenge, then the assertion checked, counter stored, session and
 * audit rows) next to a password sign-in (throttles, bcrypt at BCRYPT_COST, session and audit
 * rows), median of 20 each. The assertion is signed by a software authenticator between the two
 * halves, outside the time measured: that is the person's device's work.
 * Embedded database in memory unless DATABASE_URL is set (then that database is used: not production!).
 */
import { seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { signInWithPassword } from '@/lib/sign-in/password';
import { getConfig } from '@/lib/config';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { ensureMigrated } from '@/lib/db/migrate';
import { authenticationOptions, finishRegistration, registrationOptions } from '@/lib/passkeys/passkeys';
import { relyingParty } from '@/lib/passkeys/relying-party';
import { signInWithPasskey } from '@/lib/sign-in/passkey';
import { eq } from 'drizzle-orm';
import { SoftwareAuthenticator } from '../test/software-authenticator';

process.env.PGLITE_DIR ??= 'memory://';
// The configuration asks for a secret and a mail key outside development; this sends nothing.
process.env.DEV_TOOLS ??= '1';
const RUNS = 20;
const request = { ip: '127.0.0.1', userAgent: 'bench' };

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted[RUNS / 2 - 1] + sorted[RUNS / 2]) / 2;
}

const { bcryptCost, databaseUrl } = getConfig();
await ensureMigrated();
await seedDemoAccounts();
console.log(`bcrypt cost ${bcryptCost}, ${databaseUrl ? 'Postgres' : 'embedded database (PGlite, in memory)'}, ${RUNS} runs each\n`);

const [marie] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
const { rpID, origin } = relyingParty();
const authenticator = new SoftwareAuthenticator(rpID, origin);
const registration = await registrationOptions(marie);
const added = await finishRegistration(marie, 'bench', authenticator.register(registration.options), registration.token, request);
if (!added.ok) throw new Error(`registration refused: ${added.reason}`);

async function passkeySignIn(): Promise<number> {
  let start = performance.now();
  const { options, token } = await authenticationOptions(null);
  let elapsed = performance.now() - start;
  const assertion = authenticator.assert(options);
  start = performance.now();
  const result = await signInWithPasskey(assertion, token, request);
  elapsed += performance.now() - start;
  if (!result.ok) throw new Error(`passkey refused: ${result.reason}`);
  return elapsed;
}

async function passwordSignIn(): Promise<number> {
  const start = performance.now();
  const result = await signInWithPassword({ identifier: '00123456', password: 'Sesame-Demo-2026', remember: false }, request);
  if (!result.ok) throw new Error('password refused');
  return performance.now() - start;
}

await passkeySignIn();
await passwordSignIn();
const passkey: number[] = [];
const password: number[] = [];
// Interleaved, so a slower moment of the machine weighs on both alike.
for (let i = 0; i < RUNS; i += 1) {
  passkey.push(await passkeySignIn());
  password.push(await passwordSignIn());
}
const [pk, pw] = [median(passkey), median(password)];
console.log(`passkey sign-in (options + assertion)   median ${pk.toFixed(1).padStart(7)} ms   min ${Math.min(...passkey).toFixed(1)}   max ${Math.max(...passkey).toFixed(1)}`);
console.log(`password sign-in (bcrypt ${bcryptCost})           median ${pw.toFixed(1).padStart(7)} ms   min ${Math.min(...password).toFixed(1)}   max ${Math.max(...password).toFixed(1)}`);
console.log(`\na passkey sign-in takes ${(pk / pw).toFixed(2)}× the server time of a password sign-in`);
await closeDb();
