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

let cached: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = getConfig().authSecret;
  if (cached?.secret !== secret) cached = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'sesame', 'recovery codes v1', 32)) };
  return cached.key;
}

/** The stored form of a normalised code. */
export function hashRecoveryCode(normalised: string): string {
  return createHmac('sha256', key()).update(normalised).digest('base64url');
}
