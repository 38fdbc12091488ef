import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from '@/lib/http/safe-redirect';

// The rule: a sign-in's `callbackUrl` only ever leads to a path of this site.
const SITE = 'https://sesame.example';

/** Where a browser would go if the server answered `Location: <result>` from a page of SITE. */
function destination(result: string): URL {
  return new URL(result, `${SITE}/connexion`);
}

describe('safeRedirectPath: local paths are kept', () => {
  it.each([
    ['/', '/'],
    ['/espace', '/espace'],
    ['/admin/comptes', '/admin/comptes'],
    ['/espace?onglet=sessions', '/espace?onglet=sessions'],
    ['/espace#sessions', '/espace#sessions'],
    ['/admin/comptes?q=dupont&page=2#resultats', '/admin/comptes?q=dupont&page=2#resultats'],
    ['/connexion?callbackUrl=%2Fespace', '/connexion?callbackUrl=%2Fespace'],
    ['/?next=//evil.test', '/?next=//evil.test'], // "//" in the query is harmless
    ['/espace#//evil.test', '/espace#//evil.test'], // and in the hash
    ['/%2F%2Fevil.test', '/%2F%2Fevil.test'], // encoded slashes stay one path segment
    ['/%5Cevil.test', '/%5Cevil.test'], // an encoded backslash too
  ])('%j → %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  it('returns the normalised path (dot segments resolved, unsafe characters encoded)', () => {
    expect(safeRedirectPath('/a/./b/../c')).toBe('/a/c');
    expect(safeRedirectPath('/espace/mes sessions')).toBe('/espace/mes%20sessions');
    expect(safeRedirectPath('/réinitialisation')).toBe('/r%C3%A9initialisation');
  });

  it('accepts a path of exactly 2048 characters', () => {
    const path = `/${'a'.repeat(2047)}`;
    expect(path).toHaveLength(2048);
    expect(safeRedirectPath(path)).toBe(path);
  });

  it('keeps a percent-encoded tab as an ordinary path of this site', () => {
    // "%09" is not a tab for the URL parser: it stays an encoded byte of the path, so a browser
    // following "/%09/evil.test" asks this site for that path and does not leave it.
    const result = safeRedirectPath('/%09/evil.test');
    expect(result).toBe('/%09/evil.test');
    expect(destination(result).origin).toBe(SITE);
  });
});

describe('safeRedirectPath: anything that could leave the site falls back', () => {
  it.each([
    ['protocol-relative', '//evil.test'],
    ['protocol-relative with path', '//evil.test/espace'],
    ['three slashes', '///evil.test'],
    ['slash backslash', '/\\evil.test'],
    ['backslash slash', '\\/evil.test'],
    ['two backslashes', '\\\\evil.test'],
    ['one backslash', '\\evil.test'],
    ['absolute https', 'https://evil.test'],
    ['absolute http', 'http://evil.test/espace'],
    ['absolute URL of this very site', 'https://sesame.example/espace'],
    ['scheme without slashes', 'http:evil.test'],
    ['scheme-relative https', 'https:/evil.test'],
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['relative path', 'espace'],
    ['dot relative path', './espace'],
    ['parent relative path', '../espace'],
    ['query only', '?x=1'],
    ['hash only', '#x'],
    ['host-looking relative', 'evil.test'],
    ['leading space before //', ' //evil.test'],
    ['tab between slashes', '/\t/evil.test'],
    ['newline between slashes', '/\n/evil.test'],
    ['CR between slashes', '/\r/evil.test'],
    ['tab inside a path', '/espace\t'],
    ['newline at the end', '/espace\n'],
    ['CRLF header injection', '/espace\r\nSet-Cookie: x=1'],
    ['NUL byte', '/espace\u0000'],
    ['DEL character', '/espace\u007f'],
    ['backslash later in the path', '/espace\\..\\..\\evil'],
  ])('%s: %j → /espace', (_label, input) => {
    expect(safeRedirectPath(input)).toBe('/espace');
  });

  // A path that starts with "/" and not "//" can still be normalised by the URL parser into a
  // pathname that starts with "//" (dot segments are removed, empty segments are kept). Returned
  // as is, "//evil.test" is a protocol-relative URL: the browser leaves the site.
  // KNOWN BUG (reported): these inputs currently come back as "//evil.test…".
  it.each([
    ['dot segment then //', '/.//evil.test'],
    ['parent segment then //', '/..//evil.test'],
    ['segment, parent, then //', '/a/..//evil.test'],
    ['encoded dot segment then //', '/%2e//evil.test'],
    ['encoded parent segment then //', '/%2E%2E//evil.test'],
    ['dot segment then // with path, query and hash', '/.//evil.test/x?y=1#z'],
  ])('%s: %j never becomes a protocol-relative URL', (_label, input) => {
    const result = safeRedirectPath(input);
    expect(result.startsWith('//')).toBe(false);
    expect(destination(result).origin).toBe(SITE);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['number', 42],
    ['boolean', true],
    ['object', { toString: () => '/espace' }],
    ['URL object', new URL('https://sesame.example/espace')],
    ['array of one path', ['/espace']],
    ['array of two paths', ['/espace', '/admin']],
    ['empty string', ''],
  ])('non-string or empty input (%s) → /espace', (_label, input) => {
    expect(safeRedirectPath(input)).toBe('/espace');
  });

  it('refuses a path over 2048 characters', () => {
    expect(safeRedirectPath(`/${'a'.repeat(2048)}`)).toBe('/espace');
  });
});

describe('safeRedirectPath: fallback', () => {
  it("defaults to '/espace'", () => {
    expect(DEFAULT_AFTER_SIGN_IN).toBe('/espace');
    expect(safeRedirectPath(undefined)).toBe('/espace');
  });

  it('uses the given fallback for rejected input, and only then', () => {
    expect(safeRedirectPath('//evil.test', '/')).toBe('/');
    expect(safeRedirectPath(undefined, '/connexion')).toBe('/connexion');
    expect(safeRedirectPath('/espace', '/')).toBe('/espace');
  });
});

describe('safeRedirectPath: property — every result is a path of this site', () => {
  const tricky: unknown[] = [
    undefined,
    null,
    '',
    ' ',
    '/',
    '/espace',
    '/espace?x=1#y',
    '//evil.test',
    '///evil.test',
    '////evil.test',
    '/\\evil.test',
    '\\/evil.test',
    '\\\\evil.test',
    '/\\/evil.test',
    '/%5C%5Cevil.test',
    '/%2F/evil.test',
    '/%2f%2fevil.test',
    '/%09/evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    '/\r\n/evil.test',
    '/ /evil.test',
    '/\u00a0/evil.test',
    '/\u2028/evil.test',
    '/\u3000/evil.test',
    '/\uff0f/evil.test', // full-width solidus
    '/\u2215/evil.test', // division slash
    'https://evil.test',
    'HTTPS://evil.test',
    'http:evil.test',
    'http:/evil.test',
    'http:\\\\evil.test',
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,x',
    'mailto:x@evil.test',
    '//evil.test@sesame.example',
    '/@evil.test',
    '/.@evil.test',
    '/..',
    '/../..',
    '/../../evil.test',
    '/./evil.test',
    '/.//evil.test',
    '/..//evil.test',
    '/a/..//evil.test',
    '/a/b/../..//evil.test',
    '/%2e//evil.test',
    '/%2e%2e//evil.test',
    '/.%2e//evil.test',
    '/././/evil.test',
    '/.///evil.test',
    '/.//\\evil.test',
    '/?//evil.test',
    '/#//evil.test',
    `/${'a'.repeat(2047)}`,
    `/${'a'.repeat(2048)}`,
    ['//evil.test'],
    42,
  ];

  // KNOWN BUG (reported): fails on the "/.//evil.test" family, see above.
  it.each([undefined, '/'])('new URL(result, site).origin is always the site (fallback %j)', (fallback) => {
    const escapes: string[] = [];
    for (const input of tricky) {
      const result = safeRedirectPath(input, fallback);
      const local = result.startsWith('/') && !result.startsWith('//') && new URL(result, SITE).origin === SITE;
      if (!local) escapes.push(`${JSON.stringify(input)} → ${JSON.stringify(result)}`);
    }
    expect(escapes).toEqual([]);
  });
});
