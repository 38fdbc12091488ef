import { after } from 'next/server';
import { log } from '@/lib/logger';
import { processSlot } from '@/lib/singleton';

/**
 * Work done after the response is sent (the email of a reset request, a notice): people get their
 * answer at once, in the same time whatever the work. The work is counted from the moment it is
 * scheduled until it ends, so a graceful stop waits for it (see lib/shutdown.ts), and a failure is
 * logged, since nobody is left to tell.
 */
const pendingWork = processSlot<Set<Promise<void>>>('__sesamePendingWork');
const pending = () => (pendingWork.value ??= new Set());

export function afterResponse(what: string, work: () => Promise<unknown>): void {
  let finished!: () => void;
  const marker = new Promise<void>((resolve) => (finished = resolve));
  pending().add(marker);
  after(async () => {
    try {
      await work();
    } catch (error) {
      log.error(`${what} failed`, error);
    } finally {
      pending().delete(marker);
      finished();
    }
  });
}

/** Resolves once every piece of work scheduled so far has ended. */
export async function pendingWorkDone(): Promise<number> {
  const now = [...pending()];
  await Promise.all(now);
  return now.length;
}
