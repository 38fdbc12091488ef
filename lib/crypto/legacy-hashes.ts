import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { bcryptCompare } from '@/lib/crypto/hash-pool';

/**
 * Password hashes imported from another site, WordPress first (issue 19): members keep the password
 * they have. Only verification lives here; a verified password is hashed again the project's way
 * (password-hash.ts). Each check follows the code that wrote the hash, as copied in
 * test/fixtures/wordpress-hashes.php, whose output (test/fixtures/wordpress-hashes.json) the tests
 * verify:
 *
 * - `phpass`: phpass's portable hash, `$P$` (WordPress up to 6.7, from wp-includes/class-phpass.php)
 *   and `$H$` (phpBB3, the same scheme): md5 iterated over salt and password, in phpass's own
 *   base64. Cheap by today's standards: one check takes milliseconds, so it runs here, not on the
 *   hashing pool.
 * - `wordpress-bcrypt`: `$wp` then a bcrypt hash (WordPress 6.8 and later, wp-includes/pluggable.php
 *   `wp_hash_password`): bcrypt of the standard base64 of HMAC-SHA384 keyed with 'wp-sha384', so
 *   that a password longer than bcrypt's 72 bytes still counts whole.
 * - `bcrypt`: plain `$2a$`, `$2b$`, `$2y$` (PHP's `password_hash`, many plugins, other systems).
 *
 * Both bcrypt formats run on the hashing pool (`bcryptCompare`), never on the event loop, and so
 * throw `HashPoolBusy` as any password check does when it is full.
 */
export type LegacyHashFormat = 'phpass' | 'wordpress-bcrypt' | 'bcrypt';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// phpass: prefix, one count character, 8 of salt, 22 of hash: 34 characters of its alphabet. The
// count is 2^(position of the character in ITOA64); phpass's crypt_private refuses any outside 7..30
// (WordPress writes 'B', 2^13; phpBB '9', 2^11).
const PHPASS = /^\$[PH]\$([./0-9A-Za-z])[./0-9A-Za-z]{30}$/;
const PHPASS_MIN_LOG2 = 7;
const PHPASS_MAX_LOG2 = 30;

// bcrypt: the variant, a two-digit cost 04..31, 22 characters of salt and 31 of hash (60 in all).
// bcryptjs reads $2y$ as $2a$/$2b$: the same algorithm (PHP's name for the corrected one).
const BCRYPT = /^\$2[aby]\$(?:0[4-9]|[12][0-9]|3[01])\$[./0-9A-Za-z]{53}$/;
// WordPress 6.8's wp_check_password takes anything after `$wp` to PHP's password_verify; the only
// algorithm it pre-hashes and prefixes is bcrypt (wp_hash_password), so `$wp` + a bcrypt hash.
const WP_PREFIX = '$wp';

// WordPress refuses passwords longer than this many bytes, before any hashing (pluggable.php
// wp_check_password, and phpass's CheckPassword).
const MAX_PASSWORD_BYTES = 4096;

/** The format of an imported hash, or null when it is none this module verifies. */
export function legacyHashFormat(hash: string): LegacyHashFormat | null {
  if (typeof hash !== 'string') return null;
  const phpass = PHPASS.exec(hash);
  if (phpass) {
    const log2 = ITOA64.indexOf(phpass[1]);
    return log2 >= PHPASS_MIN_LOG2 && log2 <= PHPASS_MAX_LOG2 ? 'phpass' : null;
  }
  if (hash.startsWith(WP_PREFIX)) return BCRYPT.test(hash.slice(WP_PREFIX.length)) ? 'wordpress-bcrypt' : null;
  return BCRYPT.test(hash) ? 'bcrypt' : null;
}

/** phpass's encode64: its own little-endian base64, over `count` bytes. */
function encode64(input: Buffer, count: number): string {
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

const md5 = (...parts: Buffer[]) => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/**
 * phpass's portable check (class-phpass.php `crypt_private`, then `CheckPassword`), synchronous:
 * md5(salt + password), then 2^count times md5(previous + password), the first 12 characters of
 * the hash then encode64 of the last digest. Compared in constant time, which phpass does not do.
 */
export function verifyPhpass(password: string, hash: string): boolean {
  if (legacyHashFormat(hash) !== 'phpass') return false;
  const secret = Buffer.from(password, 'utf8');
  if (secret.length > MAX_PASSWORD_BYTES) return false;
  let rounds = 2 ** ITOA64.indexOf(hash[3]);
  let digest = md5(Buffer.from(hash.slice(4, 12), 'latin1'), secret);
  do {
    digest = md5(digest, secret);
  } while (--rounds);
  const computed = Buffer.from(hash.slice(0, 12) + encode64(digest, 16), 'latin1');
  const stored = Buffer.from(hash, 'latin1');
  return computed.length === stored.length && timingSafeEqual(computed, stored);
}

/**
 * What WordPress 6.8 gives bcrypt in place of the password (pluggable.php `wp_check_password`):
 * base64_encode(hash_hmac('sha384', $password, 'wp-sha384', true)): the password is the message
 * and 'wp-sha384' the key; standard base64 with padding (64 characters, none needed). The check
 * does not trim the password (only `wp_hash_password` does, before hashing), and neither does this.
 */
export const wordpressPrehash = (password: string) => createHmac('sha384', 'wp-sha384').update(password, 'utf8').digest('base64');

/**
 * Whether `password` matches an imported hash, as the software that wrote it would answer; false
 * for any hash `legacyHashFormat` does not recognise. Never throws for a malformed hash; rejects
 * only as the pool does (`HashPoolBusy`).
 */
export async function verifyLegacyPassword(password: string, hash: string): Promise<boolean> {
  const format = legacyHashFormat(hash);
  if (format === null || Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return false;
  switch (format) {
    case 'phpass':
      return verifyPhpass(password, hash);
    case 'wordpress-bcrypt':
      return bcryptCompare(wordpressPrehash(password), hash.slice(WP_PREFIX.length));
    case 'bcrypt':
      return bcryptCompare(password, hash);
  }
}
