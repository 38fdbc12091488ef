// @ts-check
/**
 * Runs bcryptjs, and phpass's md5 rounds for imported hashes, in a worker thread of the hashing pool
 * (lib/crypto/hash-pool.ts), so that a comparison (about 0.4 s at cost 12) never blocks the
 * server's event loop. Plain JavaScript, loaded by Node as it is: the pool's threads do not go
 * through the Next.js bundler.
 *
 * CommonJS, not an ES module: piscina loads its worker with `require` first, and Node 20's
 * `require` of an ES module inside a worker thread once aborted the whole process (a fatal
 * "v8::Module::IsGraphAsync" error in a test run). A CommonJS file is required as it always was.
 */
const { createHash, timingSafeEqual } = require('node:crypto');
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

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// The counts this thread runs (2^7 to 2^16 md5 rounds): lib/crypto/legacy-hashes.ts refuses the
// others before sending one here (`importableHashFormat`), and this is checked again so that no
// caller can hold a thread for 2^30 rounds.
const PHPASS = /^\$[PH]\$([5-9A-E])[./0-9A-Za-z]{30}$/;

/**
 * phpass's encode64 (wp-includes/class-phpass.php): its own little-endian base64, over `count` bytes.
 * @param {Buffer} input
 * @param {number} count
 */
function encode64(input, count) {
  let output = '';
  let i = 0;
  do {
    let value = input[i++];
    output += ITOA64[value & 0x3f];
    if (i < count) value |= input[i] << 8;
    output += ITOA64[(value >> 6) & 0x3f];
    if (i++ >= count) break;
    if (i < count) value |= input[i] << 16;
    output += ITOA64[(value >> 12) & 0x3f];
    if (i++ >= count) break;
    output += ITOA64[(value >> 18) & 0x3f];
  } while (i < count);
  return output;
}

/**
 * phpass's portable check (class-phpass.php `crypt_private`, then `CheckPassword`): md5(salt +
 * password), then 2^count times md5(previous + password); the first 12 characters of the hash then
 * encode64 of the last digest. Compared in constant time, which phpass does not do. A few
 * milliseconds at WordPress's count (2^13): on this thread, never on the server's event loop.
 * @param {string} password
 * @param {string} hash
 */
function phpassMatches(password, hash) {
  const count = PHPASS.exec(hash);
  if (!count) return false;
  const secret = Buffer.from(password, 'utf8');
  let rounds = 2 ** ITOA64.indexOf(count[1]);
  let digest = createHash('md5').update(Buffer.from(hash.slice(4, 12), 'latin1')).update(secret).digest();
  do {
    digest = createHash('md5').update(digest).update(secret).digest();
  } while (--rounds);
  const computed = Buffer.from(hash.slice(0, 12) + encode64(digest, 16), 'latin1');
  const stored = Buffer.from(hash, 'latin1');
  return computed.length === stored.length && timingSafeEqual(computed, stored);
}

// What the padding hashes: its hashes are thrown away, only their work counts.
const PADDING = 'padding';

/**
 * A check of a hash imported from the old site (lib/sign-in/imported-password.ts), in one task:
 * the imported hash is checked (`check`: phpass's rounds or a bcrypt comparison; none when the hash
 * is not one that may be checked); if it matches and `convert` is given, the password is hashed
 * at once for the conversion and that hash returned; otherwise bcrypt hashes of nothing at the
 * costs of `pad`, so that a wrong password costs the thread what one comparison at BCRYPT_COST does.
 * @param {{ check: { format: 'phpass' | 'bcrypt', input: string, hash: string } | null, convert: { input: string, cost: number } | null, pad: number[] }} task
 * @returns {Promise<{ matches: boolean, converted: string | null }>}
 */
async function imported({ check, convert, pad }) {
  let matches = false;
  if (check) matches = check.format === 'phpass' ? phpassMatches(check.input, check.hash) : await bcrypt.compare(check.input, check.hash);
  if (matches && convert) return { matches, converted: await bcrypt.hash(convert.input, convert.cost) };
  for (const cost of pad) await bcrypt.hash(PADDING, cost);
  return { matches, converted: null };
}

/**
 * @typedef {{ op: 'hash', input: string, cost: number } | { op: 'compare', input: string, hash: string } | { op: 'phpass', input: string, hash: string } | ({ op: 'imported' } & Parameters<typeof imported>[0])} Task
 * @param {Task} task
 * @returns {Promise<unknown>}
 */
function work(task) {
  switch (task.op) {
    case 'hash':
      return bcrypt.hash(task.input, task.cost);
    case 'compare':
      return bcrypt.compare(task.input, task.hash);
    case 'phpass':
      return Promise.resolve(phpassMatches(task.input, task.hash));
    case 'imported':
      return imported(task);
  }
}

/**
 * The result, with the milliseconds it took on this thread: the pool estimates from them how long
 * a new task would wait.
 * @param {Parameters<typeof work>[0]} task
 */
module.exports = async function run(task) {
  const start = performance.now();
  const value = await work(task);
  return { value, ms: performance.now() - start };
};
