import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { bcryptCompare, bcryptHash } from '@/lib/crypto/hash-pool';
import { getConfig } from '@/lib/config';
import { processSlot } from '@/lib/singleton';

/**
 * bcrypt reads only the first 72 bytes, so new hashes are bcrypt(base64(sha256(password))):
 * every character of a long password counts. Plain bcrypt hashes (imported accounts) still verify.
 * bcrypt itself runs on the hashing pool's threads (hash-pool.ts), never on the event loop.
 *
 * Passwords are hashed in Unicode NFC: "é" typed as one character on a phone and as "e" plus a
 * combining accent on another computer is the same password. Hashes made before that were of the
 * password as typed; they still verify (see `checkPassword`) and are replaced at the next sign-in.
 */
const PREHASHED = '$sha256$';

const prehash = (password: string) => createHash('sha256').update(password, 'utf8').digest('base64');

export async function hashPassword(password: string, cost = getConfig().bcryptCost): Promise<string> {
  return storedHash(await bcryptHash(bcryptInput(password), cost));
}

/**
 * What bcrypt is given for a password, and the stored hash made of bcrypt's: `hashPassword` in two
 * halves, for a hash made in a task of its own (an imported password's conversion,
 * lib/sign-in/imported-password.ts).
 */
export const bcryptInput = (password: string) => prehash(password.normalize('NFC'));
export const storedHash = (bcryptHash: string) => PREHASHED + bcryptHash;

/**
 * The forms of a typed password a stored hash may be of: its NFC form (every hash made now), then,
 * when it differs, the password exactly as typed (hashes made before passwords were normalised).
 */
export function passwordForms(password: string): string[] {
  const normalised = password.normalize('NFC');
  return normalised === password ? [password] : [normalised, password];
}

export interface PasswordCheck {
  matches: boolean;
  /** It matched only as typed, not in NFC: the hash predates normalisation and should be replaced. */
  matchedUnnormalised: boolean;
}

/**
 * Compares every form of the password (`passwordForms`) with the stored hash, all of them whatever
 * the first answer: how many comparisons an attempt costs depends on what was typed, never on the
 * account (an unknown account's dummy hash costs the same as an old hash).
 */
export async function checkPassword(password: string, stored: string): Promise<PasswordCheck> {
  const results: boolean[] = [];
  for (const form of passwordForms(password)) results.push(await compareOne(form, stored));
  return { matches: results.includes(true), matchedUnnormalised: !results[0] && results.includes(true) };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await checkPassword(password, stored)).matches;
}

function compareOne(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith(PREHASHED)) return bcryptCompare(prehash(password), stored.slice(PREHASHED.length));
  return bcryptCompare(password, stored);
}

/**
 * True when a hash should be replaced at the next successful sign-in (old format or lower cost);
 * so should one that matched only the password as typed (`PasswordCheck.matchedUnnormalised`).
 */
export function needsRehash(stored: string, cost = getConfig().bcryptCost): boolean {
  if (!stored.startsWith(PREHASHED)) return true;
  return bcrypt.getRounds(stored.slice(PREHASHED.length)) < cost;
}

// One per process, kept across hot reloads.
const dummy = processSlot<Promise<string>>('__sesameDummyHash');

/**
 * A hash of nothing anyone knows, compared against when there is no usable account, so that
 * unknown, pending and disabled accounts take as long to refuse as a wrong password.
 */
export function dummyHash(): Promise<string> {
  if (!dummy.value) {
    const hashing = hashPassword(randomBytes(18).toString('base64'));
    // A failed hash (a full pool) must not stay cached.
    hashing.catch(() => {
      if (dummy.value === hashing) dummy.value = undefined;
    });
    dummy.value = hashing;
  }
  return dummy.value;
}
