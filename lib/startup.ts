import { ConfigError, getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';
import { startOutboxWorker } from '@/lib/mail/worker';

/**
 * Server start: stop with one clear line per configuration problem, migrate the database, then
 * keep draining the email queue (retries of emails the provider refused).
 */
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
  startOutboxWorker();
}
