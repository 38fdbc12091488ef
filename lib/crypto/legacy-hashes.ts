import { createHmac } from 'node:crypto';
import { importedBcryptCompare, importedPhpassCompare } from '@/lib/crypto/hash-pool';

/**
 * Password hashes imported from another site, WordPress first (issue 19): members keep the password
 * they have. Only verification lives here; a verified password is hashed again the project's way
 * (password-hash.ts). Each check follows the code that wrote the hash, as copied in
 * test/fixtures/wordpress-hashes.php, whose output (test/fixtures/wordpress-hashes.json) the tests
 * verify:
 *
 * - `phpass`: phpass's portable hash, `$P$` (WordPress up to 6.7, from wp-includes/class-phpass.php)
 *   and `$H$` (phpBB3, the same scheme): md5 iterated over salt and password, in phpass's own
 *   base64. Cheap by today's standards (milliseconds at WordPress's count), but a count character
 *   may ask for up to 2^30 rounds: it runs on the hashing pool's thread for imported hashes
 *   (hash-worker.cjs), never on the event loop, and only at the counts `importableHashFormat` takes.
 * - `wordpress-bcrypt`: `$wp` then a bcrypt hash (WordPress 6.8 and later, wp-includes/pluggable.php
 *   `wp_hash_password`): bcrypt of the standard base64 of HMAC-SHA384 keyed with 'wp-sha384', so
 *   that a password longer than bcrypt's 72 bytes still counts whole.
 * - `bcrypt`: plain `$2a$`, `$2b$`, `$2y$` (PHP's `password_hash`, many plugins, other systems).
 *
 * Every check runs on the imported hashes' thread of the hashing pool (hash-pool.ts `openHashPool`),
 * never on the event loop, and so throws `HashPoolBusy` as any password check does when it is full.
 * Sign-in (lib/sign-in/password.ts) runs it beside the hash that converts the password, so that
 * it takes as long as a normal sign-in.
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

/**
 * The format of a hash, or null when it is none this module knows (whatever its cost: a report can
 * say "phpass, too costly"). What may be imported and checked is `importableHashFormat`'s.
 */
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

// The costs an imported hash may ask for. A check of more work would take longer than a normal
// sign-in's bcrypt at BCRYPT_COST (at most 15, lib/config.ts), and the time of the answer would tell
// which accounts still hold such a hash; phpass's 2^30 rounds would hold a thread for minutes.
// WordPress writes phpass at 2^13 ('B') and bcrypt at 10 (PHP 8.4's default is 12), phpBB 2^11.
export const IMPORTABLE_PHPASS_MAX_LOG2 = 16;
export const IMPORTABLE_BCRYPT_MAX_COST = 15;

/** A bcrypt hash's cost, from the two digits after its variant. */
const bcryptCost = (hash: string) => Number(hash.slice(4, 6));

/**
 * The format of a hash that may be imported, and is checked at sign-in; null for anything else,
 * including a known format whose cost is beyond `IMPORTABLE_PHPASS_MAX_LOG2` or
 * `IMPORTABLE_BCRYPT_MAX_COST`. The import refuses what this refuses; `verifyLegacyPassword`
 * answers false for it without any work.
 */
export function importableHashFormat(hash: string): LegacyHashFormat | null {
  const format = legacyHashFormat(hash);
  switch (format) {
    case 'phpass':
      return ITOA64.indexOf(hash[3]) <= IMPORTABLE_PHPASS_MAX_LOG2 ? format : null;
    case 'wordpress-bcrypt':
      return bcryptCost(hash.slice(WP_PREFIX.length)) <= IMPORTABLE_BCRYPT_MAX_COST ? format : null;
    case 'bcrypt':
      return bcryptCost(hash) <= IMPORTABLE_BCRYPT_MAX_COST ? format : null;
    default:
      return null;
  }
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
 * for any hash `importableHashFormat` refuses. Never throws for a malformed hash; rejects only as
 * the pool does (`HashPoolBusy`). The password is checked exactly as given (see sign-in for the
 * forms it tries).
 */
export async function verifyLegacyPassword(password: string, hash: string): Promise<boolean> {
  const format = importableHashFormat(hash);
  if (format === null || Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return false;
  switch (format) {
    case 'phpass':
      return importedPhpassCompare(password, hash);
    case 'wordpress-bcrypt':
      return importedBcryptCompare(wordpressPrehash(password), hash.slice(WP_PREFIX.length));
    case 'bcrypt':
      return importedBcryptCompare(password, hash);
  }
}
