import { account } from './helpers/accounts';
import { DEMO, expect, signIn, test } from './helpers/fixtures';
import { linkFor } from './helpers/flows';

/** Security headers on every kind of response: pages, auth pages, errors, API, static files. */
const PAGES = [
  '/',
  '/connexion',
  '/mot-de-passe-oublie',
  '/ouverture-de-compte',
  '/reinitialisation',
  '/nulle-part',
  '/api/health',
  '/favicon.ico',
  '/_next/static/absent.js',
  // A real static file: the stylesheet the home page links to.
  'stylesheet',
];
const AUTH_PAGES = ['/connexion', '/mot-de-passe-oublie', '/reinitialisation', '/ouverture-de-compte'];

test.describe('security headers', () => {
  for (const path of PAGES) {
    test(`${path}`, async ({ request }) => {
      const url = path === 'stylesheet' ? /href="(\/_next\/static\/[^"]+\.css)"/.exec(await (await request.get('/')).text())![1] : path;
      const response = await request.get(url);
      if (path === 'stylesheet') expect(response.status()).toBe(200);
      const headers = response.headers();
      const csp = headers['content-security-policy'] ?? '';
      const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scripts).not.toContain('unsafe-inline');
      expect(scripts).not.toContain('unsafe-eval');
      for (const directive of ["frame-ancestors 'none'", "form-action 'self'", "object-src 'none'", "base-uri 'none'"]) {
        expect(csp).toContain(directive);
      }
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(headers['referrer-policy']).toBeTruthy();
      expect(headers['x-powered-by']).toBeUndefined();
      if (AUTH_PAGES.includes(path)) expect(headers['cache-control']).toContain('no-store');
    });
  }

  test('the icon: /favicon.ico and the icons pages name are static images, cached for a day or more', async ({ request }) => {
    const html = await (await request.get('/connexion')).text();
    const named = [...html.matchAll(/<link rel="(?:shortcut )?icon" href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
    expect(named.length).toBeGreaterThan(0);
    for (const url of ['/favicon.ico', ...named]) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()['content-type'], url).toMatch(/^image\//);
      expect((await response.body()).length, url).toBeGreaterThan(100);
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers()['cache-control'] ?? '')?.[1] ?? 0);
      expect(maxAge, `${url}: ${response.headers()['cache-control']}`).toBeGreaterThanOrEqual(86_400);
      expect(response.headers()['content-security-policy'], url).toContain("default-src 'self'");
    }
  });

  test('a new nonce on every response', async ({ request }) => {
    const nonce = async () => /'nonce-([^']+)'/.exec((await request.get('/connexion')).headers()['content-security-policy'] ?? '')?.[1];
    expect(await nonce()).not.toBe(await nonce());
  });

  test('cookies are HttpOnly and SameSite=Lax', async ({ page, context }) => {
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password, { remember: true });
    await expect(page).toHaveURL('/espace');
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name).sort()).toEqual(['authjs.callback-url', 'authjs.session-token', 'sesame-identifier', 'sesame-locale']);
    for (const cookie of cookies) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe('Lax');
    }
  });

  test('Chromium reports no CSP violation on any page, with scripts running', async ({ page }, testInfo) => {
    // The securitypolicyviolation event, not the console: a violation whose exception the page
    // catches (zod's probe of `new Function`) is reported all the same, and says nothing in the console.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener(
        'securitypolicyviolation',
        (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`),
        true,
      );
    });
    const violations: string[] = [];
    const collect = async (label: string) => {
      // Hydrated and idle: every script of the page ran, and the events (queued) were dispatched.
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
      const seen = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
      violations.push(...seen.map((v) => `${label}: ${v}`));
    };
    for (const path of ['/', '/connexion', '/mot-de-passe-oublie', '/ouverture-de-compte', '/reinitialisation', '/nulle-part']) {
      await page.goto(path);
      await collect(path);
    }
    // The new-password form, through an emailed link.
    const { link } = await linkFor(page, account(23, testInfo).email, { identifier: account(23, testInfo).identifier });
    await page.goto(link);
    await expect(page.getByRole('button', { name: 'Valider' })).toBeVisible();
    await collect('/reinitialisation (new password)');
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    // Hydrated: the "show password" toggle only exists once the page's scripts ran.
    await expect(page.getByRole('button', { name: 'Afficher le mot de passe' }).first()).toBeVisible();
    await collect('/espace');
    expect(violations).toEqual([]);
  });
});
