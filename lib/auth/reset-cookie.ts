import { getConfig } from '@/lib/config';

/**
 * The emailed token travels from the link to the form in a short-lived HttpOnly cookie, so it
 * leaves the address bar, the history and any Referer at once.
 */
export const RESET_COOKIE = 'sesame-reset';
export const RESET_COOKIE_PATH = '/reinitialisation';

export function resetCookieOptions(maxAgeSeconds = 3600) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: getConfig().appUrl.startsWith('https://'),
    path: RESET_COOKIE_PATH,
    maxAge: maxAgeSeconds,
  };
}
