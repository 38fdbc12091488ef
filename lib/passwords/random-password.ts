/**
 * The random part of suggested passwords, without the policy check (and so without the
 * blocklist): light enough for the browser's "Proposer un autre mot de passe" button. The server
 * checks whatever is submitted anyway.
 */
export const PASSWORD_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
export const GROUP_LENGTH = 4;
export const MIN_GROUPS = 4;
// Largest multiple of the alphabet size that fits in a byte: bytes at or above it are drawn
// again, so that every character is exactly as likely (no modulo bias).
const BYTE_LIMIT = 256 - (256 % PASSWORD_ALPHABET.length);

function randomCharacters(count: number): string {
  let result = '';
  const bytes = new Uint8Array(count * 2);
  while (result.length < count) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte >= BYTE_LIMIT) continue;
      result += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
      if (result.length === count) break;
    }
  }
  return result;
}

/**
 * How many groups a suggestion needs to be at least `minLength` characters long, dashes included:
 * 4 groups (19 characters) up to PASSWORD_MIN_LENGTH 19, 5 at 20 to 24, … 13 at 64.
 */
export function groupsFor(minLength: number): number {
  return Math.max(MIN_GROUPS, Math.ceil((minLength + 1) / (GROUP_LENGTH + 1)));
}

/** Groups of 4 characters joined by dashes, with at least one digit and one capital. */
export function randomPassword(groups = MIN_GROUPS): string {
  for (;;) {
    const characters = randomCharacters(groups * GROUP_LENGTH);
    if (!/[2-9]/.test(characters) || !/[A-Z]/.test(characters)) continue;
    const parts: string[] = [];
    for (let i = 0; i < characters.length; i += GROUP_LENGTH) parts.push(characters.slice(i, i + GROUP_LENGTH));
    return parts.join('-');
  }
}
