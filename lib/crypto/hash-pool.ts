import { availableParallelism } from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { getConfig } from '@/lib/config';
import { processSlot } from '@/lib/singleton';

/**
 * bcrypt on worker threads, sized to this process's share of the cores: with `npm start` on
 * Postgres there is one process per core (WEB_CONCURRENCY), each with its share. The queue is
 * bounded twice: by its length (HASH_QUEUE_LIMIT) and by the wait it promises, estimated from the
 * recent tasks' times (HASH_QUEUE_MAX_WAIT_SECONDS), since a comparison's time depends on the cost,
 * the machine and how busy its cores are. Past either bound a sign-in is told at once that the
 * service is busy, rather than waiting behind everyone else until the person gives up.
 */
export class HashPoolBusy extends Error {
  constructor() {
    super('The hashing pool is full');
    this.name = 'HashPoolBusy';
  }
}

type Pool = {
  piscina: Piscina;
  threads: number;
  maxWaitMs: number;
  taskMs: number;
  /** Checks in flight per owner (an address): see `withPoolShare`. */
  inFlight: Map<string, number>;
};

// One pool per process, kept across hot reloads.
const opened = processSlot<Pool>('__sesameHashPool');

/** Threads of this process: the cores shared between the processes `npm start` runs. */
export function hashThreads(processes = Number(process.env.WEB_CONCURRENCY) || 1): number {
  return Math.max(1, Math.floor(availableParallelism() / processes));
}

/** Starts the pool; on first use with this process's settings, or by tests with their own. */
export function openHashPool({ threads = hashThreads(), maxQueue = getConfig().hashQueueLimit, maxWaitMs = getConfig().hashQueueMaxWaitMs } = {}): Pool {
  opened.value ??= {
    piscina: new Piscina({
      // Resolved from the project's folder at run time: the worker is not bundled (see next.config.ts).
      filename: path.join(process.cwd(), 'lib/crypto/hash-worker.cjs'),
      minThreads: threads,
      maxThreads: threads,
      maxQueue,
    }),
    threads,
    maxWaitMs,
    taskMs: 0,
    inFlight: new Map(),
  };
  return opened.value;
}

const pool = () => opened.value ?? openHashPool();

/** What a task submitted now would wait, about: the tasks queued ahead of it, shared by the threads. */
const expectedWaitMs = (hashing: Pool) => (hashing.piscina.queueSize * hashing.taskMs) / hashing.threads;

const beyondBounds = (hashing: Pool) => hashing.piscina.queueSize >= hashing.piscina.options.maxQueue || expectedWaitMs(hashing) > hashing.maxWaitMs;

/**
 * Whether a task submitted now would be refused. A sign-in asks first, so that under a flood the
 * busy answer costs no database work either; the task itself is still checked when submitted.
 */
export const hashPoolFull = () => beyondBounds(pool());

/**
 * The most checks one owner may have in flight: a quarter of what the pool takes before it says
 * busy (its threads, plus the queue its two bounds allow at the recent tasks' time). Four owners
 * can fill it, one cannot: a loop from one address leaves room for everyone else.
 */
function fairShare(hashing: Pool): number {
  const { maxQueue } = hashing.piscina.options;
  const queueWithinWait = hashing.taskMs > 0 ? Math.floor((hashing.maxWaitMs * hashing.threads) / hashing.taskMs) : maxQueue;
  return Math.max(1, Math.floor((hashing.threads + Math.min(maxQueue, queueWithinWait)) / 4));
}

/**
 * Runs `task`, a password check, holding one of `owner`'s places in the pool; throws HashPoolBusy
 * at once, before `task` starts, when the owner's fair share is already in flight. The place is
 * taken and counted in the same synchronous step, so checks arriving together cannot all slip in,
 * and given back when `task` ends, whatever its outcome.
 */
export async function withPoolShare<T>(owner: string, task: () => Promise<T>): Promise<T> {
  const hashing = pool();
  const count = hashing.inFlight.get(owner) ?? 0;
  if (count >= fairShare(hashing)) throw new HashPoolBusy();
  hashing.inFlight.set(owner, count + 1);
  try {
    return await task();
  } finally {
    const left = (hashing.inFlight.get(owner) ?? 1) - 1;
    if (left > 0) hashing.inFlight.set(owner, left);
    else hashing.inFlight.delete(owner);
  }
}

/** A check of an imported hash, padded to one comparison's work when wrong: see hash-worker.cjs `imported`. */
export type ImportedTask = {
  check: { format: 'phpass' | 'bcrypt'; input: string; hash: string } | null;
  convert: { input: string; cost: number } | null;
  pad: number[];
};

type Task =
  | { op: 'hash'; input: string; cost: number }
  | { op: 'compare'; input: string; hash: string }
  /** phpass's portable hash (`$P$`, `$H$`), checked on the thread: see hash-worker.cjs. */
  | { op: 'phpass'; input: string; hash: string }
  | ({ op: 'imported' } & ImportedTask);

async function run<T>(task: Task): Promise<T> {
  const hashing = pool();
  const { piscina } = hashing;
  // Tasks beyond either bound: refused now, not queued.
  if (beyondBounds(hashing)) throw new HashPoolBusy();
  try {
    const { value, ms } = (await piscina.run(task)) as { value: T; ms: number };
    // A moving average: follows the cost and the machine's load within a few tasks.
    hashing.taskMs = hashing.taskMs === 0 ? ms : 0.8 * hashing.taskMs + 0.2 * ms;
    return value;
  } catch (error) {
    if (error instanceof Error && error.message === 'Task queue is at limit') throw new HashPoolBusy();
    throw error;
  }
}

export const bcryptHash = (input: string, cost: number) => run<string>({ op: 'hash', input, cost });
export const bcryptCompare = (input: string, hash: string) => run<boolean>({ op: 'compare', input, hash });

/** A phpass check on the pool: never on the event loop (2^13 md5 rounds at WordPress's count). */
export const phpassCompare = (input: string, hash: string) => run<boolean>({ op: 'phpass', input, hash });
/** An imported hash's check, its conversion or its padding, as one task (lib/crypto/legacy-hashes.ts `checkImportedHash`). */
export const importedCheck = (task: ImportedTask) => run<{ matches: boolean; converted: string | null }>({ op: 'imported', ...task });

/** How busy the pool is, for the health page and the tests. */
export function hashPoolState() {
  const hashing = opened.value?.piscina;
  return {
    threads: hashing?.threads.length ?? 0,
    queued: hashing?.queueSize ?? 0,
    limit: hashing?.options.maxQueue ?? getConfig().hashQueueLimit,
    /** Recent tasks' average time on a thread, in milliseconds (0 before the first). */
    taskMs: Math.round(opened.value?.taskMs ?? 0),
    /** Hashes and comparisons done since the pool started. */
    completed: hashing?.completed ?? 0,
    /** The most checks one address may have in flight now. */
    share: opened.value ? fairShare(opened.value) : 0,
  };
}

/** Lets the running tasks finish, then stops the threads (graceful stop). */
export async function closeHashPool(): Promise<void> {
  const hashing = opened.value;
  opened.value = undefined;
  await hashing?.piscina.close();
}
