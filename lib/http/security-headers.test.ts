import { describe, expect, it } from 'vitest';
import { securityHeaders } from '@/lib/http/security-headers';

const headersFor = (pathname: string, options: { https?: boolean; dev?: boolean } = {}) =>
  securityHeaders({ pathname, nonce: 'bm9uY2U=', dev: options.dev ?? false, https: options.https ?? false });

describe('securityHeaders', () => {
  it('adds HSTS and upgrade-insecure-requests under HTTPS only', () => {
    const https = headersFor('/', { https: true });
    expect(https['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    const http = headersFor('/');
    expect(http['Strict-Transport-Security']).toBeUndefined();
    expect(http['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
  });

  it('allows eval for scripts in development only, never inline scripts', () => {
    const scripts = (dev: boolean) => /script-src ([^;]*)/.exec(headersFor('/', { dev })['Content-Security-Policy'])![1];
    expect(scripts(false)).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(scripts(true)).toContain("'unsafe-eval'");
    expect(scripts(true)).not.toContain('unsafe-inline');
  });

  it.each([
    ['/reinitialisation/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', 'no-referrer'],
    ['/reinitialisation', 'same-origin'],
    ['/reinitialisation/termine', 'same-origin'],
    ['/connexion', 'strict-origin-when-cross-origin'],
  ])('Referrer-Policy of %s is %s', (pathname, policy) => {
    expect(headersFor(pathname)['Referrer-Policy']).toBe(policy);
  });

  it.each(['/', '/connexion', '/espace', '/mot-de-passe-oublie', '/reinitialisation/x', '/ouverture-de-compte', '/admin/comptes/1'])(
    '%s is never cached',
    (pathname) => {
      expect(headersFor(pathname)['Cache-Control']).toBe('no-store, max-age=0');
    },
  );

  it('lets public files be cached', () => {
    expect(headersFor('/api/health')['Cache-Control']).toBeUndefined();
  });
});
