/**
 * The security headers of every response Sésame sends, pages, errors and refusals alike.
 * Pure, so that what HTTPS adds (HSTS, upgrade-insecure-requests) is tested without a certificate.
 */
export type HeaderContext = { pathname: string; nonce: string; dev: boolean; https: boolean };

const NO_STORE = /^\/(connexion|espace|mot-de-passe-oublie|reinitialisation|ouverture-de-compte|admin|dev)(\/|$)|^\/$/;
const RESET_LINK = /^\/reinitialisation\/(?!termine$)[^/]+$/;
const RESET_PAGES = /^\/reinitialisation(\/termine)?$/;
// The link that confirms a new email address carries a token the same way (app/espace/email).
const EMAIL_CHANGE_LINK = /^\/espace\/email\/(?!confirmee$)[^/]+$/;

/**
 * The emailed link carries the token: nothing of it may leave in a Referer. The reset form itself
 * has no token in its address; it sends no Referer to other sites ('same-origin') rather than
 * 'no-referrer', because with 'no-referrer' Chromium posts the form without JavaScript with
 * `Origin: null`, which the server-action CSRF check rightly refuses.
 */
function referrerPolicy(pathname: string): string {
  if (RESET_LINK.test(pathname) || EMAIL_CHANGE_LINK.test(pathname)) return 'no-referrer';
  if (RESET_PAGES.test(pathname)) return 'same-origin';
  return 'strict-origin-when-cross-origin';
}

export function contentSecurityPolicy({ nonce, dev, https }: Omit<HeaderContext, 'pathname'>): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce-stamped scripts load their chunks; nothing inline runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(context: HeaderContext): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(context),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Referrer-Policy': referrerPolicy(context.pathname),
    ...(context.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
    ...(NO_STORE.test(context.pathname) ? { 'Cache-Control': 'no-store, max-age=0' } : {}),
  };
}
