/**
 * Turns what a person typed into the identifier stored on their account.
 * Forgiving on purpose: members copy numbers from cards and invoices with spaces and dots,
 * and often drop the leading zeros of a licence number.
 */
export type IdentifierKind = 'licence' | 'client';

/** An identifier as accounts store it: a normalised email, licence number or client code. */
export type Identifier = { type: 'email' | IdentifierKind; value: string };

export type ParsedIdentifier = ({ ok: true } & Identifier) | { ok: false; error: 'required' | 'format' | 'tooLong' };

export const MAX_EMAIL_LENGTH = 254;
/** What any identifier field accepts as typed: an address with room for spaces around it. */
export const MAX_IDENTIFIER_INPUT = 320;
/** Digits in groups: spaces (NFKC turns no-break spaces into plain ones), dots and dashes between; never line breaks. */
export const DIGIT_GROUPS = /^\d+(?:[ .\-]+\d+)*$/;
// No spaces and no control characters (NUL, CR, LF…): such input is refused, never stored.
const EMAIL_SHAPE = /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+\.[^\s@\u0000-\u001f\u007f]+$/;

export function parseIdentifier(raw: unknown, kinds: readonly IdentifierKind[]): ParsedIdentifier {
  if (typeof raw !== 'string') return { ok: false, error: 'required' };
  if (raw.length > MAX_IDENTIFIER_INPUT) return { ok: false, error: 'tooLong' };
  const input = raw.normalize('NFKC').trim();
  if (input === '') return { ok: false, error: 'required' };

  if (input.includes('@')) {
    const email = normaliseEmail(input);
    if (email.length > MAX_EMAIL_LENGTH) return { ok: false, error: 'tooLong' };
    return looksLikeEmail(email) ? { ok: true, type: 'email', value: email } : { ok: false, error: 'format' };
  }

  if (!DIGIT_GROUPS.test(input)) return { ok: false, error: 'format' };
  const digits = input.replace(/[ .\-]/g, '');
  if (digits.length === 5 && kinds.includes('client')) return { ok: true, type: 'client', value: digits };
  if (digits.length <= 8 && kinds.includes('licence')) {
    return { ok: true, type: 'licence', value: digits.padStart(8, '0') };
  }
  return { ok: false, error: 'format' };
}

/** The one email check of every form: something@something.tld, no spaces, no control characters. */
export function looksLikeEmail(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

/** Normalises an email the way accounts store it. */
export function normaliseEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}
