import postgres from 'postgres';
import { getConfig } from '@/lib/config';
import { withoutClientNotes } from '@/lib/db/connection-url';

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

// The embedded database is opened by one process at a time (lib/db/data-dir-lock.ts), so within
// that process a set of names is the whole lock.
const heldHere = new Set<string>();

/**
 * Runs `task` unless another run of the same name holds the database's lock: a Postgres advisory
 * lock, taken without waiting on a connection of its own (to the direct address: a pooler in
 * transaction mode would not keep the session) and released when the task ends or the process
 * dies. `{ ran: false }` when another run holds it.
 */
export async function runExclusive<T>(name: string, task: () => Promise<T>): Promise<Exclusive<T>> {
  const key = `sesame:${name}`;
  const { databaseUrl, migrationUrl } = getConfig();
  if (!databaseUrl || !migrationUrl) {
    if (heldHere.has(key)) return { ran: false };
    heldHere.add(key);
    try {
      return { ran: true, value: await task() };
    } finally {
      heldHere.delete(key);
    }
  }

  const client = postgres(withoutClientNotes(migrationUrl), { max: 1, onnotice: () => {} });
  try {
    const [row] = await client<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${key})) as locked`;
    if (!row?.locked) return { ran: false };
    return { ran: true, value: await task() };
  } finally {
    // Ending the session releases the lock.
    await client.end({ timeout: 5 });
  }
}
