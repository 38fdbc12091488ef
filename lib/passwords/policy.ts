/**
 * The new-password policy: at least `minLength` (PASSWORD_MIN_LENGTH, 12) characters, at most
 * 128, every character counts, no composition rules; refused when built from the identifier,
 * email or name, or when common (see weak-patterns.ts).
 *
 * Pure and synchronous, the same code on the server (the rule that counts) and in the browser
 * (immediate feedback). It pulls in the blocklist, so client components should load it with a
 * dynamic `import()` rather than a static one.
 */
import { foldForComparison } from './blocklist';
import { MAX_PASSWORD_LENGTH, passwordLength, type PasswordContext, type PasswordProblem } from './length';
import { isCommonPassword } from './weak-patterns';

export { MAX_PASSWORD_LENGTH, passwordLength } from './length';
export type { PasswordContext, PasswordProblem } from './length';

// NFC composes at most 4 code points into one (e.g. U+1FA2), at most 4 UTF-16 units into one
// code point: anything longer than this is too long without even normalising it.
const CERTAINLY_TOO_LONG = MAX_PASSWORD_LENGTH * 8;

/** The first problem found (in the order tooLong, tooShort, personal, common), or null. */
export function passwordProblem(password: string, context: PasswordContext): PasswordProblem | null {
  if (password.length > CERTAINLY_TOO_LONG) return 'tooLong';
  const length = passwordLength(password);
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (length < context.minLength) return 'tooShort';
  const folded = foldForComparison(password.normalize('NFC'));
  if (isPersonal(folded, context)) return 'personal';
  if (isCommonPassword(folded)) return 'common';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Personal: contains the identifier, the email or a word of the name.

const MIN_PERSONAL_FRAGMENT = 4;
const NOT_LETTERS = /[^\p{L}]+/u;
const DIGIT_GROUPS = /^[\d\s.\-]+$/;
// What people put between groups of digits they copy ("00 123 456", "00.123.456").
const DIGIT_SEPARATORS = /[\s.\-_/,]+/gu;

interface PersonalFragments {
  /** Looked for as they are. */
  text: Set<string>;
  /** Digits (identifiers): also looked for once separators are taken out of the password. */
  digits: Set<string>;
}

function addEmail(fragments: PersonalFragments, folded: string): void {
  if (codePoints(folded) >= MIN_PERSONAL_FRAGMENT) fragments.text.add(folded);
  const at = folded.lastIndexOf('@');
  const local = at >= 0 ? folded.slice(0, at) : folded;
  if (codePoints(local) >= MIN_PERSONAL_FRAGMENT) fragments.text.add(local);
  // "marie.dupont@…": the words of the local part too.
  addWords(fragments, local);
}

function addWords(fragments: PersonalFragments, folded: string): void {
  for (const word of folded.split(NOT_LETTERS)) {
    if (codePoints(word) >= MIN_PERSONAL_FRAGMENT) fragments.text.add(word);
  }
}

function personalFragments(context: PasswordContext): PersonalFragments {
  const fragments: PersonalFragments = { text: new Set(), digits: new Set() };
  const identifier = context.identifier ? foldForComparison(context.identifier.trim()) : '';
  if (identifier.includes('@')) {
    addEmail(fragments, identifier);
  } else if (DIGIT_GROUPS.test(identifier)) {
    const digits = identifier.replace(DIGIT_SEPARATORS, '');
    if (digits.length >= MIN_PERSONAL_FRAGMENT) fragments.digits.add(digits);
    // Licence numbers are often written without their leading zeros: 00123456 → 123456.
    const significant = digits.replace(/^0+/, '');
    if (significant.length >= MIN_PERSONAL_FRAGMENT) fragments.digits.add(significant);
  } else if (codePoints(identifier) >= MIN_PERSONAL_FRAGMENT) {
    fragments.text.add(identifier);
  }
  const email = context.email ? foldForComparison(context.email.trim()) : '';
  if (email) addEmail(fragments, email);
  if (context.name) addWords(fragments, foldForComparison(context.name));
  return fragments;
}

function isPersonal(folded: string, context: PasswordContext): boolean {
  const { text, digits } = personalFragments(context);
  for (const fragment of text) if (folded.includes(fragment)) return true;
  if (digits.size === 0) return false;
  const squashed = folded.replace(DIGIT_SEPARATORS, '');
  for (const fragment of digits) if (folded.includes(fragment) || squashed.includes(fragment)) return true;
  return false;
}

function codePoints(text: string): number {
  return [...text].length;
}
