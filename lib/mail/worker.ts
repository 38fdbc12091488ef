import { log } from '@/lib/logger';
import { deliverDueEmails } from '@/lib/mail/queue';
import { processSlot } from '@/lib/singleton';

const INTERVAL_MS = 30_000;

// One worker per process, kept across hot reloads.
const worker = processSlot<ReturnType<typeof setInterval>>('__sesameOutboxWorker');
let running: Promise<void> | null = null;

/**
 * Drains the email queue every 30 seconds on a long-running server (retries of emails the provider
 * refused). On Vercel the cron route does it. Errors are logged as one JSON line and never thrown:
 * the next tick retries.
 */
export function startOutboxWorker(): void {
  if (worker.value) return;
  worker.value = setInterval(() => void tick(), INTERVAL_MS);
  // Never keeps the process alive on its own (tests, scripts, graceful shutdown).
  worker.value.unref();
}

/** Stops the ticks and lets the batch being sent finish (graceful stop). */
export async function stopOutboxWorker(): Promise<void> {
  clearInterval(worker.value);
  worker.value = undefined;
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
}
