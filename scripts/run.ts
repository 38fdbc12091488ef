import { ConfigError } from '@/lib/config';
import { closeDb } from '@/lib/db/client';
import { describeError } from '@/lib/logger';

/**
 * Runs a command-line task: clear messages for configuration problems, the database closed after.
 * A failed query is told by its cause, never by Drizzle's message, which quotes the parameters
 * (an import's emails and password hashes among them).
 */
export async function run(task: () => Promise<void>): Promise<void> {
  try {
    await task();
    await closeDb();
  } catch (error) {
    await closeDb().catch(() => {});
    console.error(error instanceof ConfigError ? error.message : describeError(error).message);
    process.exit(1);
  }
}
