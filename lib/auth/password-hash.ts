import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { bcryptCompare, bcryptHash } from '@/lib/auth/hash-pool';
import { getConfig } from '@/lib/config';

/**
 * bcrypt reads only the first 72 bytes, so new hashes are bcrypt(base64(sha256(password))):
 * every character of a long password counts. Plain bcrypt hashes (imported accounts) still verify.
 * bcrypt itself runs on the hashing pool's threads (hash-pool.ts), never on the event loop.
 */
const PREHASHED = '$sha256$';

const prehash = (password: string) => createHash('sha256').update(password, 'utf8').digest('base64');

export async function hashPassword(password: string, cost = getConfig().bcryptCost): Promise<string> {
  return PREHASHED + (await bcryptHash(prehash(password), cost));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith(PREHASHED)) return bcryptCompare(prehash(password), stored.slice(PREHASHED.length));
  return bcryptCompare(password, stored);
}

/** True when a hash should be replaced at the next successful sign-in (old format or lower cost). */
export function needsRehash(stored: string, cost = getConfig().bcryptCost): boolean {
  if (!stored.startsWith(PREHASHED)) return true;
  return bcrypt.getRounds(stored.slice(PREHASHED.length)) < cost;
}

const store = globalThis as unknown as { __sesameDummyHash?: Promise<string> };

/**
 * A hash of nothing anyone knows, compared against when there is no usable account, so that
 * unknown, pending and disabled accounts take as long to refuse as a wrong password.
 */
export function dummyHash(): Promise<string> {
  if (!store.__sesameDummyHash) {
    const hashing = hashPassword(randomBytes(18).toString('base64'));
    // A failed hash (a full pool) must not stay cached.
    hashing.catch(() => {
      if (store.__sesameDummyHash === hashing) store.__sesameDummyHash = undefined;
    });
    store.__sesameDummyHash = hashing;
  }
  return store.__sesameDummyHash;
}
