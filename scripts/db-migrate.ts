import { getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';
import { run } from './run';

await run(async () => {
  const { databaseUrl, pgliteDir } = getConfig();
  await ensureMigrated();
  console.log(`Migrations applied (${databaseUrl ? 'Postgres' : `embedded database in ${pgliteDir}`}).`);
});
