import { ConfigError } from '@/lib/config';
import { closeDb } from '@/lib/db/client';

/** Runs a command-line task: clear messages for configuration problems, the database closed after. */
export async function run(task: () => Promise<void>): Promise<void> {
  try {
    await task();
    await closeDb();
  } catch (error) {
    await closeDb().catch(() => {});
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
