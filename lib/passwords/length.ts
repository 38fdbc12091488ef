/**
 * The light part of the password policy: types, limits and length. Client components import
 * this file, never policy.ts, whose blocklist would add megabytes to the page.
 */
export const MAX_PASSWORD_LENGTH = 128;
/**
 * What a password field accepts when a password is typed to be checked (signing in, confirming the
 * current one): more than any new password may have, so that one set before a limit changed still
 * works, and bounded so a megabyte is never hashed.
 */
export const MAX_PASSWORD_INPUT = 1024;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'personal';

export interface PasswordContext {
  minLength: number;
  identifier?: string;
  email?: string;
  name?: string;
}

/**
 * Length as the policy counts it: Unicode code points after NFC normalisation, so "é" counts
 * as one character whether typed precomposed or with a combining accent, an emoji as one, and
 * spaces like any other character.
 */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/** The length rules alone: what the browser checks before the server checks everything. */
export function lengthProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const length = passwordLength(password.slice(0, MAX_PASSWORD_LENGTH * 8));
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (length < context.minLength) return 'tooShort';
  return null;
}
