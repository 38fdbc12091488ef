import { availableParallelism } from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { getConfig } from '@/lib/config';

/**
 * bcrypt on worker threads, sized to this process's share of the cores: with `npm start` on
 * Postgres there is one process per core (WEB_CONCURRENCY), each with its share. The queue is
 * bounded (HASH_QUEUE_LIMIT): past it a sign-in is told at once that the service is busy, rather
 * than waiting minutes behind everyone else.
 */
export class HashPoolBusy extends Error {
  constructor() {
    super('The hashing pool is full');
    this.name = 'HashPoolBusy';
  }
}

// One pool per process, kept across hot reloads.
const store = globalThis as unknown as { __sesameHashPool?: Piscina };

/** Threads of this process: the cores shared between the processes `npm start` runs. */
export function hashThreads(processes = Number(process.env.WEB_CONCURRENCY) || 1): number {
  return Math.max(1, Math.floor(availableParallelism() / processes));
}

/** Starts the pool; on first use with this process's settings, or by tests with their own. */
export function openHashPool({ threads = hashThreads(), maxQueue = getConfig().hashQueueLimit } = {}): Piscina {
  store.__sesameHashPool ??= new Piscina({
    // Resolved from the project's folder at run time: the worker is not bundled (see next.config.ts).
    filename: path.join(process.cwd(), 'lib/auth/hash-worker.mjs'),
    minThreads: threads,
    maxThreads: threads,
    maxQueue,
  });
  return store.__sesameHashPool;
}

const pool = () => store.__sesameHashPool ?? openHashPool();

async function run<T>(task: { op: 'hash'; input: string; cost: number } | { op: 'compare'; input: string; hash: string }): Promise<T> {
  const hashing = pool();
  // Tasks waiting beyond the limit: refused now, not queued.
  if (hashing.queueSize >= hashing.options.maxQueue) throw new HashPoolBusy();
  try {
    return (await hashing.run(task)) as T;
  } catch (error) {
    if (error instanceof Error && error.message === 'Task queue is at limit') throw new HashPoolBusy();
    throw error;
  }
}

export const bcryptHash = (input: string, cost: number) => run<string>({ op: 'hash', input, cost });
export const bcryptCompare = (input: string, hash: string) => run<boolean>({ op: 'compare', input, hash });

/** How busy the pool is, for the health page and the tests. */
export function hashPoolState() {
  const hashing = store.__sesameHashPool;
  return {
    threads: hashing?.threads.length ?? 0,
    queued: hashing?.queueSize ?? 0,
    limit: hashing?.options.maxQueue ?? getConfig().hashQueueLimit,
    /** Hashes and comparisons done since the pool started. */
    completed: hashing?.completed ?? 0,
  };
}

/** Lets the running tasks finish, then stops the threads (graceful stop). */
export async function closeHashPool(): Promise<void> {
  const hashing = store.__sesameHashPool;
  store.__sesameHashPool = undefined;
  await hashing?.close();
}
