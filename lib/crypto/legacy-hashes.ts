import { createHmac } from 'node:crypto';
import { bcryptCompare, importedCheck, phpassCompare, type ImportedTask } from '@/lib/crypto/hash-pool';

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
 *   may ask for up to 2^30 rounds: it runs on the hashing pool (hash-worker.cjs), never on the
 *   event loop, and only at the counts `importableHashFormat` takes.
 * - `wordpress-bcrypt`: `$wp` then a bcrypt hash (WordPress 6.8 and later, wp-includes/pluggable.php
 *   `wp_hash_password`): bcrypt of the standard base64 of HMAC-SHA384 keyed with 'wp-sha384', so
 *   that a password longer than bcrypt's 72 bytes still counts whole.
 * - `bcrypt`: plain `$2a$`, `$2b$`, `$2y$` (PHP's `password_hash`, many plugins, other systems).
 *
 * Every check runs on the hashing pool, never on the event loop, and so throws `HashPoolBusy` as any
 * password check does when it is full. Sign-in uses `checkImportedHash`, which pads a wrong
 * password's check to the work of a normal comparison.
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
      return phpassCompare(password, hash);
    case 'wordpress-bcrypt':
      return bcryptCompare(wordpressPrehash(password), hash.slice(WP_PREFIX.length));
    case 'bcrypt':
      return bcryptCompare(password, hash);
  }
}

// 2^13 md5 rounds (WordPress's phpass) take about what a bcrypt of cost 8 does, on the pool's
// threads (md5 is OpenSSL's, bcryptjs is JavaScript): phpass at count n weighs a bcrypt of cost n - 5.
const PHPASS_TO_BCRYPT_COST = 5;
const MIN_BCRYPT_COST = 4;

/**
 * The bcrypt costs whose hashes, after a check of work 2^`checkCost`, make up the work of one
 * bcrypt at `cost`: 2^c + 2^c + 2^(c+1) + … + 2^(cost-1) = 2^cost. None when the check alone weighs
 * as much or more (a bcrypt hash at a cost above BCRYPT_COST: see `importableHashFormat`).
 */
export function paddingCosts(checkCost: number | null, cost: number): number[] {
  if (checkCost === null) return [cost];
  const from = Math.max(MIN_BCRYPT_COST, checkCost);
  return Array.from({ length: Math.max(0, cost - from) }, (_, i) => from + i);
}

/**
 * The sign-in's check of an imported hash (lib/sign-in/imported-password.ts), as one task on the
 * pool, so that it waits in the queue once, as a normal comparison does, and its work does not
 * depend on the answer:
 * - wrong (or a hash that may not be checked): the check, then bcrypt hashes of nothing that bring
 *   its work to one bcrypt at `cost` (`paddingCosts`): what a normal or an unknown account costs;
 * - right, with `convertInput`: the check, then the hash of `convertInput` at `cost`, returned, which
 *   replaces the imported one. That answer costs the check more than a normal right password: only
 *   someone who typed the password can see it.
 * `convertInput` is what bcrypt is given for the password (password-hash.ts `bcryptInput`); null
 * when the conversion is already made (the password's other form matched).
 */
export function checkImportedHash(password: string, hash: string, cost: number, convertInput: string | null): Promise<{ matches: boolean; converted: string | null }> {
  const format = Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES ? null : importableHashFormat(hash);
  let check: ImportedTask['check'] = null;
  let checkCost: number | null = null;
  if (format === 'phpass') {
    check = { format, input: password, hash };
    checkCost = ITOA64.indexOf(hash[3]) - PHPASS_TO_BCRYPT_COST;
  } else if (format === 'wordpress-bcrypt') {
    check = { format: 'bcrypt', input: wordpressPrehash(password), hash: hash.slice(WP_PREFIX.length) };
    checkCost = bcryptCost(check.hash);
  } else if (format === 'bcrypt') {
    check = { format, input: password, hash };
    checkCost = bcryptCost(hash);
  }
  return importedCheck({ check, convert: convertInput === null ? null : { input: convertInput, cost }, pad: paddingCosts(checkCost, cost) });
}
