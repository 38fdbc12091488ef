import { NextResponse, type NextRequest } from 'next/server';

/**
 * Security headers on every response. Kept tiny on purpose: no session lookup here (Auth.js's
 * proxy wrapper would re-send the session cookie with an expiry on every request).
 */
const NO_STORE = /^\/(connexion|espace|mot-de-passe-oublie|reinitialisation|ouverture-de-compte|admin|dev)(\/|$)|^\/$/;
const RESET_LINK = /^\/reinitialisation\/(?!termine$)[^/]+$/;
const RESET_PAGES = /^\/reinitialisation(\/termine)?$/;

/**
 * The emailed link carries the token: nothing of it may leave in a Referer. The reset form itself
 * has no token in its address; it sends no Referer to other sites ('same-origin') rather than
 * 'no-referrer', because with 'no-referrer' Chromium posts the form without JavaScript with
 * `Origin: null`, which the server-action CSRF check rightly refuses.
 */
function referrerPolicy(pathname: string): string {
  if (RESET_LINK.test(pathname)) return 'no-referrer';
  if (RESET_PAGES.test(pathname)) return 'same-origin';
  return 'strict-origin-when-cross-origin';
}

function contentSecurityPolicy(nonce: string, dev: boolean, https: boolean): string {
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

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = (process.env.APP_URL ?? '').startsWith('https://');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== 'production', https);

  // Next.js reads the nonce from the request's CSP header and stamps its own scripts with it.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  const { pathname } = request.nextUrl;
  const headers = response.headers;
  headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  headers.set('Referrer-Policy', referrerPolicy(pathname));
  if (https) headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  if (NO_STORE.test(pathname)) headers.set('Cache-Control', 'no-store, max-age=0');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
