import { CredentialsSignin } from 'next-auth';
import { looksLikeEmail, MAX_EMAIL_LENGTH, type Identifier, type IdentifierKind } from '@/lib/identifiers/parse';

/**
 * What crosses Auth.js during a sign-in, written and read only here. Auth.js hands `authorize` the
 * credentials as strings and tells the caller of `signIn` no more than a refused sign-in's `code`.
 * The sign-in form has already parsed the identifier: it travels normalised with its type, and is
 * only checked here, not parsed again.
 */
export type SignInRefusal = { reason: 'invalid' } | { reason: 'busy' } | { reason: 'throttled'; retryAfterMinutes: number };

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

/** Thrown by `authorize` to refuse a sign-in; Auth.js passes it on to the caller of `signIn`. */
export class RefusedSignIn extends CredentialsSignin {
  constructor(refusal: SignInRefusal) {
    super();
    this.code = refusal.reason === 'throttled' ? `throttled:${refusal.retryAfterMinutes}` : refusal.reason;
  }
}

export function decodeRefusal(error: CredentialsSignin): SignInRefusal {
  const throttled = /^throttled:(\d+)$/.exec(error.code);
  if (throttled) return { reason: 'throttled', retryAfterMinutes: Number(throttled[1]) };
  return error.code === 'busy' ? { reason: 'busy' } : { reason: 'invalid' };
}
