import { getConfig } from '@/lib/config';

/**
 * Sésame's own cookies, named and flagged in one place. All are HttpOnly and SameSite=Lax. Under
 * HTTPS (APP_URL https://) they are also Secure and carry the prefixes browsers enforce:
 * `__Host-` for site-wide cookies (Secure, Path=/, no Domain, so no subdomain can plant or read
 * one) and `__Secure-` for the reset cookie, which is scoped to /reinitialisation.
 */
const COOKIES = {
  /** "Mémoriser mes identifiants": the identifier to pre-fill next time. */
  identifier: { base: 'sesame-identifier', path: '/' },
  /** The language a visitor chose. */
  locale: { base: 'sesame-locale', path: '/' },
  /** An emailed link's token, on its way from the link to the form (see app/reinitialisation). */
  reset: { base: 'sesame-reset', path: '/reinitialisation' },
} as const;

export type CookieKind = keyof typeof COOKIES;

export const isHttps = () => getConfig().appUrl.startsWith('https://');

export function cookieName(kind: CookieKind): string {
  const { base, path } = COOKIES[kind];
  if (!isHttps()) return base;
  return `${path === '/' ? '__Host-' : '__Secure-'}${base}`;
}

/** Options for setting a cookie; without `maxAgeSeconds` it ends with the browser session. */
export function cookieOptions(kind: CookieKind, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isHttps(),
    path: COOKIES[kind].path,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
