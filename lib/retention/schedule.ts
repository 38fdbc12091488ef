import { log } from '@/lib/logger';
import { purgeIfDue } from '@/lib/retention/purge';
import { processSlot } from '@/lib/singleton';

// The first check comes soon after the server starts, then one every 10 minutes: whichever
// instance asks first once a day runs the purge (lib/retention/purge.ts, purgeIfDue).
const FIRST_CHECK_MS = 30_000;
const CHECK_EVERY_MS = 10 * 60_000;

type Schedule = { timer: ReturnType<typeof setTimeout>; running: Promise<void> | null };

// One schedule per process, kept across hot reloads.
const schedule = processSlot<Schedule>('__sesamePurgeSchedule');

/** Asks regularly, on a long-running server, whether the day's purge is due. On Vercel the cron route asks. */
export function startPurgeSchedule(): void {
  if (schedule.value) return;
  schedule.value = { timer: next(FIRST_CHECK_MS), running: null };
}

/** Stops asking, and lets a purge under way finish (graceful stop). */
export async function stopPurgeSchedule(): Promise<void> {
  const current = schedule.value;
  schedule.value = undefined;
  if (!current) return;
  clearTimeout(current.timer);
  await current.running;
}

/** The next check in `delayMs`; each is scheduled once the one before has ended, so they never overlap. */
function next(delayMs: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => {
    const current = schedule.value;
    if (!current) return;
    current.running = purgeIfDue()
      .then(
        () => undefined,
        (error: unknown) => log.error('retention purge failed', error),
      )
      .finally(() => {
        current.running = null;
        if (schedule.value === current) current.timer = next(CHECK_EVERY_MS);
      });
  }, delayMs);
  // Never keeps the process alive on its own (tests, scripts, graceful shutdown).
  timer.unref();
  return timer;
}
