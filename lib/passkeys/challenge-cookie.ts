import 'server-only';
import { cookies } from 'next/headers';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { CHALLENGE_TTL_MS } from '@/lib/passkeys/challenges';

/**
 * The browser's half of its WebAuthn challenges (see challenges.ts): a random key in an HttpOnly
 * cookie. It stays while challenges are outstanding; each challenge serves once on its own.
 */
export async function setChallengeCookie(key: string): Promise<void> {
  (await cookies()).set(cookieName('webauthn'), key, cookieOptions('webauthn', CHALLENGE_TTL_MS / 1000));
}

export async function challengeCookie(): Promise<string | undefined> {
  return (await cookies()).get(cookieName('webauthn'))?.value;
}
