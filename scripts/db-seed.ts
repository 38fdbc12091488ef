import { DEMO_ACCOUNTS } from '@/lib/accounts/demo-accounts';
import { ensureMigrated } from '@/lib/db/migrate';
import { demoSeedRefusal, seedDemoAccountsIfSafe } from '@/lib/operators/demo-seed';
import { run } from './run';

await run(async () => {
  // Before the database is even opened: with DEV_TOOLS off (always so in production) there are
  // no demo accounts, whatever the arguments (the old --force included).
  const refusal = demoSeedRefusal();
  if (refusal) throw new Error(refusal);
  await ensureMigrated();
  // Only into an empty database, or one holding nothing but the demo accounts.
  const outcome = await seedDemoAccountsIfSafe();
  if (!outcome.ok) throw new Error(outcome.reason);
  console.log(`${outcome.count} demo accounts ready:`);
  for (const a of DEMO_ACCOUNTS) {
    console.log(`  ${a.identifier.padEnd(9)} ${a.status.padEnd(8)} ${a.password ?? '(first connection by email)'}`);
  }
});
