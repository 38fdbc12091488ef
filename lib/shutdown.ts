import { pendingWorkDone } from '@/lib/after-response';
import { closeHashPool } from '@/lib/crypto/hash-pool';
import { closeDb } from '@/lib/db/client';
import { log } from '@/lib/logger';
import { stopOutboxWorker } from '@/lib/mail/worker';
import { stopPurgeSchedule } from '@/lib/retention/schedule';

/**
 * The application's half of a graceful stop, called by server.mjs once no request is in flight:
 * the work scheduled after responses (emails of reset requests…), the email batch being sent, the
 * hashing threads, then the database. One log line per step.
 */
export async function shutDown(): Promise<void> {
  const work = await pendingWorkDone();
  log.info('stopping: work after responses done', { pieces: work });
  // The background jobs (lib/startup.ts); the line keeps the words operators know.
  await Promise.all([stopOutboxWorker(), stopPurgeSchedule()]);
  log.info('stopping: email worker stopped');
  await closeHashPool();
  await closeDb();
  log.info('stopping: database closed');
}
