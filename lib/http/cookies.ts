import { cookies } from 'next/headers';
import { getConfig } from '@/lib/config';
import { MAX_IDENTIFIER_INPUT } from '@/lib/identifiers/parse';

/**
 * Every cookie Sésame sets, named and flagged in one place, Auth.js's session cookie included.
 * All are HttpOnly and SameSite=Lax. Under HTTPS (APP_URL https://) they are also Secure and carry
 * the prefixes browsers enforce: `__Host-` for site-wide cookies (Secure, Path=/, no Domain, so no
 * subdomain can plant or read one), the session cookie included (lib/auth/auth.ts gives Auth.js
 * this name; Auth.js sets it with Path=/ and no Domain), and `__Secure-` for the reset cookie,
 * scoped to /reinitialisation, which `__Host-` would not allow.
 */
const COOKIES = {
  /** "Mémoriser mes identifiants": the identifier to pre-fill next time. */
  identifier: { base: 'sesame-identifier', path: '/', securePrefix: '__Host-' },
  /** The language a visitor chose. */
  locale: { base: 'sesame-locale', path: '/', securePrefix: '__Host-' },
  /** An emailed link's token, on its way from the link to the form (see app/reinitialisation). */
  reset: { base: 'sesame-reset', path: '/reinitialisation', securePrefix: '__Secure-' },
  /** An email-change link's token, on its way from the link to the confirm page (see app/espace/email). */
  emailChange: { base: 'sesame-email-change', path: '/espace/email', securePrefix: '__Secure-' },
  /** An authenticator app being set up: its secret, sealed for the session that started it (lib/second-factor/enrolment.ts). */
  totpEnrolment: { base: 'sesame-totp-enrolment', path: '/espace/double-authentification', securePrefix: '__Secure-' },
  /** The browser's half of a WebAuthn challenge, for 5 minutes (lib/passkeys/challenges.ts). */
  webauthn: { base: 'sesame-webauthn', path: '/', securePrefix: '__Host-' },
  /** Auth.js's session token (lib/auth/auth.ts gives Auth.js this name). */
  session: { base: 'authjs.session-token', path: '/', securePrefix: '__Host-' },
} as const;

export type CookieKind = keyof typeof COOKIES;

export const isHttps = () => getConfig().appUrl.startsWith('https://');

export function cookieName(kind: CookieKind): string {
  const { base, securePrefix } = COOKIES[kind];
  return isHttps() ? `${securePrefix}${base}` : base;
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

/** The session cookie, or one of the `.0`, `.1` … chunks Auth.js splits a large token into. */
export function isSessionCookie(name: string): boolean {
  const session = cookieName('session');
  return name === session || (name.startsWith(`${session}.`) && /^\d+$/.test(name.slice(session.length + 1)));
}

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Auth.js gives every session cookie a 30-day Expires. A sign-in without "Mémoriser mes
 * identifiants" re-sets it with neither Expires nor Max-Age, so it ends with the browser; the
 * server ends it too, after 2 hours idle or 12 hours (see lib/sessions/sessions.ts).
 */
export async function makeSessionCookieBrowserOnly(): Promise<void> {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (isSessionCookie(cookie.name)) jar.set(cookie.name, cookie.value, cookieOptions('session'));
  }
}

/** "Mémoriser mes identifiants" also pre-fills the identifier on the next visit. */
export async function rememberIdentifier(identifier: string | null): Promise<void> {
  const jar = await cookies();
  if (identifier === null) jar.set(cookieName('identifier'), '', cookieOptions('identifier', 0));
  else jar.set(cookieName('identifier'), identifier, cookieOptions('identifier', YEAR_SECONDS));
}

export async function rememberedIdentifier(): Promise<string | undefined> {
  const value = (await cookies()).get(cookieName('identifier'))?.value;
  return value && value.length <= MAX_IDENTIFIER_INPUT ? value : undefined;
}
