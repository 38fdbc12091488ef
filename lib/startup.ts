import { ConfigError, getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';

/** Server start: stop with one clear line per configuration problem, then migrate the database. */
export async function startUp(): Promise<void> {
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await ensureMigrated();
}
