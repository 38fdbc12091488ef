import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { getConfig } from '@/lib/config';

/**
 * Ten single-use codes for the day the phone is lost. Shown once; only an HMAC of each is kept,
 * keyed from AUTH_SECRET, so a copy of the database does not let anyone test guesses offline.
 * 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 50 bits each.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/** What people type, read kindly: case, spaces and dashes do not matter. Null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]+/g, '');
  return raw.length === LENGTH && [...raw].every((c) => ALPHABET.includes(c)) ? raw : null;
}

const keys = new Map<string, Buffer>();
function key(secret: string): Buffer {
  let found = keys.get(secret);
  if (!found) {
    found = Buffer.from(hkdfSync('sha256', secret, 'sesame', 'recovery codes v1', 32));
    keys.set(secret, found);
  }
  return found;
}

/** The stored form of a normalised code, keyed from the newest secret of AUTH_SECRET. */
export function hashRecoveryCode(normalised: string): string {
  return createHmac('sha256', key(getConfig().authSecret)).update(normalised).digest('base64url');
}

/**
 * Every form a code may be stored in: under the newest secret, then under each older one AUTH_SECRET
 * still lists (a rotation: codes handed out before it keep working until the old secret is dropped).
 */
export function recoveryCodeHashes(normalised: string): string[] {
  return getConfig().authSecrets.map((secret) => createHmac('sha256', key(secret)).update(normalised).digest('base64url'));
}
