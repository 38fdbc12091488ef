// @ts-check
/**
 * Runs bcryptjs in a worker thread of the hashing pool (lib/crypto/hash-pool.ts), so that a
 * comparison (about 0.4 s at cost 12) never blocks the server's event loop. Plain JavaScript,
 * loaded by Node as it is: the pool's threads do not go through the Next.js bundler.
 *
 * CommonJS, not an ES module: piscina loads its worker with `require` first, and Node 20's
 * `require` of an ES module inside a worker thread once aborted the whole process (a fatal
 * "v8::Module::IsGraphAsync" error in a test run). A CommonJS file is required as it always was.
 */
const { setPriority } = require('node:os');
const bcrypt = require('bcryptjs');

// Pages before hashes: on Linux a thread's nice value is its own, so this lowers only the pool's
// threads. When every core is busy, the event loop (pages, health checks) gets the CPU first and the
// comparisons take what is left; when it is idle, they run at full speed. Where the system refuses
// (another OS, a sandbox), the threads keep the normal priority.
try {
  setPriority(10);
} catch {
  // Normal priority.
}

/**
 * The result, with the milliseconds it took on this thread: the pool estimates from them how long
 * a new task would wait.
 * @param {{ op: 'hash', input: string, cost: number } | { op: 'compare', input: string, hash: string }} task
 */
module.exports = async function run(task) {
  const start = performance.now();
  const value = await (task.op === 'hash' ? bcrypt.hash(task.input, task.cost) : bcrypt.compare(task.input, task.hash));
  return { value, ms: performance.now() - start };
};
