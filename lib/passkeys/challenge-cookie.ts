import 'server-only';
import { cookies } from 'next/headers';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { CHALLENGE_TTL_MS } from '@/lib/passkeys/challenges';

/** The browser's half of a WebAuthn challenge (see challenges.ts): a token in an HttpOnly cookie. */
export async function setChallengeCookie(token: string): Promise<void> {
  (await cookies()).set(cookieName('webauthn'), token, cookieOptions('webauthn', CHALLENGE_TTL_MS / 1000));
}

/** The token, read once: the cookie goes with it. */
export async function takeChallengeCookie(): Promise<string | undefined> {
  const jar = await cookies();
  const token = jar.get(cookieName('webauthn'))?.value;
  if (token !== undefined) jar.set(cookieName('webauthn'), '', cookieOptions('webauthn', 0));
  return token;
}
