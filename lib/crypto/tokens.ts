import { createHash, randomBytes } from 'node:crypto';

/**
 * Random tokens: session ids and the secrets emailed in links. 32 bytes (256 bits) by default,
 * beyond guessing for as long as any of them lives; base64url, so they fit in a URL as they are.
 */
const TOKEN_BYTES = 32;

export function randomToken(bytes = TOKEN_BYTES): string {
  return randomBytes(bytes).toString('base64url');
}

// What `randomToken()` gives: 43 base64url characters.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether a token received may be one of ours; anything else is refused before any lookup. */
export function hasTokenShape(token: string | undefined): token is string {
  return token !== undefined && TOKEN_SHAPE.test(token);
}

/** What is stored of an emailed token: its SHA-256, so a copy of the database opens nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
