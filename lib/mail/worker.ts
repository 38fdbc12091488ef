import { deliverDueEmails } from '@/lib/mail/queue';

const INTERVAL_MS = 30_000;

// One worker per process, kept across hot reloads.
const store = globalThis as unknown as { __sesameOutboxWorker?: ReturnType<typeof setInterval> };
let running = false;

/**
 * Drains the email queue every 30 seconds on a long-running server. On Vercel the cron route
 * does the same job. Errors are logged as one JSON line and never thrown: the next tick retries.
 */
export function startOutboxWorker(): void {
  if (store.__sesameOutboxWorker) return;
  store.__sesameOutboxWorker = setInterval(() => void tick(), INTERVAL_MS);
  // Never keeps the process alive on its own (tests, scripts, graceful shutdown).
  store.__sesameOutboxWorker.unref();
}

async function tick(): Promise<void> {
  // A slow batch must not overlap the next one.
  if (running) return;
  running = true;
  try {
    const counts = await deliverDueEmails();
    if (counts.sent + counts.failed + counts.retried > 0) {
      console.info(JSON.stringify({ level: 'info', msg: 'outbox delivered', ...counts }));
    }
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'outbox delivery failed', error: describe(error) }));
  } finally {
    running = false;
  }
}

/** Drizzle wraps driver errors with the failed query; the driver's own message is enough. */
function describe(error: unknown): string {
  const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (root instanceof Error ? `${root.name}: ${root.message}` : String(root)).slice(0, 300);
}
