import { DEMO_ACCOUNTS, seedDemoAccounts } from '@/lib/accounts/demo-accounts';
import { getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';
import { run } from './run';

await run(async () => {
  if (getConfig().production && !process.argv.includes('--force')) {
    throw new Error('Refusing to load demo accounts in production (NODE_ENV=production). Add --force if you really mean it.');
  }
  await ensureMigrated();
  const count = await seedDemoAccounts();
  console.log(`${count} demo accounts ready:`);
  for (const a of DEMO_ACCOUNTS) {
    console.log(`  ${a.identifier.padEnd(9)} ${a.status.padEnd(8)} ${a.password ?? '(first connection by email)'}`);
  }
});
