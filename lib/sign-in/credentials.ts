import { looksLikeEmail, MAX_EMAIL_LENGTH, type Identifier, type IdentifierKind } from '@/lib/identifiers/parse';

/**
 * The password sign-in's credentials as they cross Auth.js, written and read only here. Auth.js
 * hands `authorize` the credentials as strings. The sign-in form has already parsed the
 * identifier: it travels normalised with its type, and is only checked here, not parsed again.
 * (A refusal crosses back as lib/sign-in/refusal.ts says.)
 */

const NORMALISED: Record<IdentifierKind, RegExp> = { licence: /^\d{8}$/, client: /^\d{5}$/ };

export function encodeCredentials(identifier: Identifier, password: string, remember: boolean): Record<string, string> {
  return { identifierType: identifier.type, identifier: identifier.value, password, remember: remember ? '1' : '' };
}

/** The identifier as the form parsed it, or null when what arrived is not one. */
export function decodeIdentifier(credentials: Partial<Record<string, unknown>>, kinds: readonly IdentifierKind[]): Identifier | null {
  const { identifierType: type, identifier: value } = credentials;
  if (typeof value !== 'string') return null;
  if (type === 'email') return value.length <= MAX_EMAIL_LENGTH && looksLikeEmail(value) ? { type, value } : null;
  if ((type === 'licence' || type === 'client') && kinds.includes(type) && NORMALISED[type].test(value)) return { type, value };
  return null;
}
