import { log } from '@/lib/logger';
import { deliverDueEmails } from '@/lib/mail/queue';
import { purgeIfDue } from '@/lib/retention/purge';

const INTERVAL_MS = 30_000;
// How often this process asks whether the day's purge is due (one instance a day runs it).
const PURGE_CHECK_MS = 10 * 60_000;
let lastPurgeCheck = Number.NEGATIVE_INFINITY;

// One worker per process, kept across hot reloads.
const store = globalThis as unknown as { __sesameOutboxWorker?: ReturnType<typeof setInterval> };
let running: Promise<void> | null = null;

/**
 * Drains the email queue every 30 seconds on a long-running server, and runs the daily retention
 * purge (lib/retention/purge.ts). On Vercel the cron route does the same jobs. Errors are logged as one JSON line and never thrown: the next tick retries.
 */
export function startOutboxWorker(): void {
  if (store.__sesameOutboxWorker) return;
  store.__sesameOutboxWorker = setInterval(() => void tick(), INTERVAL_MS);
  // Never keeps the process alive on its own (tests, scripts, graceful shutdown).
  store.__sesameOutboxWorker.unref();
}

/** Stops the ticks and lets the batch being sent finish (graceful stop). */
export async function stopOutboxWorker(): Promise<void> {
  clearInterval(store.__sesameOutboxWorker);
  store.__sesameOutboxWorker = undefined;
  await running;
}

function tick(): Promise<void> {
  // A slow batch must not overlap the next one.
  running ??= deliver().finally(() => {
    running = null;
  });
  return running;
}

async function deliver(): Promise<void> {
  try {
    const counts = await deliverDueEmails();
    if (counts.sent + counts.failed + counts.retried > 0) {
      log.info('outbox delivered', counts);
    }
  } catch (error) {
    log.error('outbox delivery failed', error);
  }
  if (Date.now() - lastPurgeCheck < PURGE_CHECK_MS) return;
  lastPurgeCheck = Date.now();
  await purgeIfDue().catch((error: unknown) => log.error('retention purge failed', error));
}

