import 'server-only';
import { cookies } from 'next/headers';
import { cookieName, cookieOptions } from '@/lib/cookies';

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Auth.js gives every session cookie a 30-day Expires. A sign-in without "Mémoriser mes
 * identifiants" re-sets it with neither Expires nor Max-Age, so it ends with the browser; the
 * server ends it too, after 2 hours idle or 12 hours (see sessions.ts).
 */
export async function makeSessionCookieBrowserOnly(): Promise<void> {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (!SESSION_COOKIE.test(cookie.name)) continue;
    jar.set(cookie.name, cookie.value, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: cookie.name.startsWith('__Secure-'),
    });
  }
}

/** "Mémoriser mes identifiants" also pre-fills the identifier on the next visit. */
export async function rememberIdentifier(identifier: string | null): Promise<void> {
  const jar = await cookies();
  if (identifier === null) {
    jar.set(cookieName('identifier'), '', cookieOptions('identifier', 0));
    return;
  }
  jar.set(cookieName('identifier'), identifier, cookieOptions('identifier', YEAR_SECONDS));
}

export async function rememberedIdentifier(): Promise<string | undefined> {
  const value = (await cookies()).get(cookieName('identifier'))?.value;
  return value && value.length <= 320 ? value : undefined;
}
