/**
 * Suggested passwords people can copy, or type on a phone: groups of 4 characters separated by
 * dashes, e.g. "h7Kp-3mXa-Q9vt-Rw2e", from an alphabet without look-alikes (no 0/O/o, no 1/l/I).
 * 16 characters from 56 give 92.9 bits (92.8 once candidates without a digit or a capital are
 * drawn again).
 *
 * Pure (Web Crypto is `globalThis.crypto` in Node 20 and in browsers). It checks its result with
 * the policy, which pulls in the blocklist: client components use random-password.ts instead.
 */
import { MAX_PASSWORD_LENGTH, passwordProblem, type PasswordContext } from './policy';
import { GROUP_LENGTH, groupsFor, randomPassword } from './random-password';

export { PASSWORD_ALPHABET } from './random-password';

const MAX_ATTEMPTS = 1000;

/**
 * All optional, but pass `minLength` (PASSWORD_MIN_LENGTH) and the account's details: without
 * them a suggestion suits a minimum of 12 only.
 */
export type GeneratePasswordOptions = Partial<PasswordContext>;

/**
 * A new random password: 4 groups (more if `minLength` asks for more than 19 characters) with at
 * least one digit and one capital, that passes `passwordProblem` for `minLength` (default 12) and
 * the identifier, email and name given. Without them, a suggestion could in theory contain a
 * 4-character piece of someone's details (a few chances in a million): pass them when known.
 */
export function generatePassword(options: GeneratePasswordOptions = {}): string {
  const minLength = options.minLength ?? 12;
  const groups = groupsFor(minLength);
  if (groups * (GROUP_LENGTH + 1) - 1 > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`No generated password can be at least ${minLength} characters long`);
  }
  const context: PasswordContext = { ...options, minLength };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const password = randomPassword(groups);
    if (passwordProblem(password, context) === null) return password;
  }
  throw new Error('Could not generate a password that passes the policy');
}
