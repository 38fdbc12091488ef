import { DEMO_ACCOUNTS } from '@/lib/accounts/demo-accounts';
import { getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';
import { seedDemoAccountsIfSafe } from '@/lib/operators/demo-seed';
import { run } from './run';

await run(async () => {
  if (getConfig().production && !process.argv.includes('--force')) {
    throw new Error('Refusing to load demo accounts in production (NODE_ENV=production). Add --force if you really mean it.');
  }
  await ensureMigrated();
  // Even with --force: only into an empty database, or one holding nothing but the demo accounts.
  const outcome = await seedDemoAccountsIfSafe();
  if (!outcome.ok) throw new Error(outcome.reason);
  console.log(`${outcome.count} demo accounts ready:`);
  for (const a of DEMO_ACCOUNTS) {
    console.log(`  ${a.identifier.padEnd(9)} ${a.status.padEnd(8)} ${a.password ?? '(first connection by email)'}`);
  }
});
