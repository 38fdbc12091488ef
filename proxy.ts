import { NextResponse, type NextRequest } from 'next/server';
import { isHttps } from '@/lib/http/cookies';
import { refusalOf, refusalPage } from '@/lib/http/refusals';
import { securityHeaders } from '@/lib/http/security-headers';

/**
 * Every request: refuse cross-site form posts and oversized bodies with a clear page, and put the
 * security headers on every response. Kept tiny on purpose: no session lookup here (Auth.js's
 * proxy wrapper would re-send the session cookie with an expiry on every request).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    dev: process.env.NODE_ENV !== 'production',
    https: isHttps(),
  });

  // The OpenID Connect provider's token endpoints take apps' requests from anywhere (a browser app
  // calls them from its own origin): they authenticate the client, never a cookie.
  const refusal = isProviderEndpoint(request.nextUrl.pathname) ? null : refusalOf(request.method, request.headers);
  if (refusal) {
    return new NextResponse(refusalPage(refusal, request.nextUrl.pathname), {
      status: refusal.status,
      headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }

  // Next.js reads the nonce from the request's CSP header and stamps its own scripts with it.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) {
    // The provider's answers carry this request's policy already, with the hash of the one script
    // it may write (lib/oidc/http.ts).
    if (name === 'Content-Security-Policy' && request.nextUrl.pathname.startsWith('/oidc/')) continue;
    response.headers.set(name, value);
  }
  return response;
}

const isProviderEndpoint = (pathname: string) => pathname === '/oidc/token' || pathname === '/oidc/token/revocation';

// Every path, static files included: every response gets the same security headers.
export const config = {
  matcher: [{ source: '/:path*' }],
};
