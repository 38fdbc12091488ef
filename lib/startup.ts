import { ConfigError, getConfig } from '@/lib/config';
import { ensureMigrated } from '@/lib/db/migrate';
import { startOutboxWorker } from '@/lib/mail/worker';
import { startPurgeSchedule } from '@/lib/retention/schedule';
import { behindSesameServer } from '@/lib/runtime';
import { shutDown } from '@/lib/shutdown';
import { MAX_BODY_BYTES, refusalPage } from '@/lib/http/refusals';
import { log } from '@/lib/logger';
import { offerBodyLimit, offerShutdown } from '@/server/hooks.mjs';

/**
 * Server start: stop with one clear line per configuration problem, migrate the database, then
 * start the process's background jobs: draining the email queue (retries of emails the provider
 * refused) and the daily retention purge.
 */
export async function startUp(): Promise<void> {
  let production = false;
  try {
    production = getConfig().production;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (production && !behindSesameServer() && !process.env.VERCEL) {
    log.warn(
      'Sésame was started without server.mjs (use `npm start`, not `next start`): the address a client connects ' +
        'from is unknown, so a client can choose its own in X-Forwarded-For and dodge the per-address limits.',
    );
  }
  await ensureMigrated();
  startOutboxWorker();
  startPurgeSchedule();
  // What server.mjs, which is not bundled with the application, needs from it: its half of a
  // graceful stop, and the body limit it applies to bodies sent without a Content-Length.
  offerShutdown(shutDown);
  offerBodyLimit({ maxBytes: MAX_BODY_BYTES, page: refusalPage({ status: 413, reason: 'tooLarge' }) });
}
