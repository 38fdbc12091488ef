// @ts-check
/**
 * Runs bcryptjs in a worker thread of the hashing pool (lib/auth/hash-pool.ts), so that a
 * comparison (about 0.4 s at cost 12) never blocks the server's event loop. Plain JavaScript,
 * loaded by Node as it is: the pool's threads do not go through the Next.js bundler.
 */
import bcrypt from 'bcryptjs';

/** @param {{ op: 'hash', input: string, cost: number } | { op: 'compare', input: string, hash: string }} task */
export default function run(task) {
  return task.op === 'hash' ? bcrypt.hash(task.input, task.cost) : bcrypt.compare(task.input, task.hash);
}
