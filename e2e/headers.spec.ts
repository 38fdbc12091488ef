import { DEMO, expect, signIn, test } from './helpers/fixtures';

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

  test('Chromium reports no CSP violation on any page, with scripts running', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ['/', '/connexion', '/mot-de-passe-oublie', '/ouverture-de-compte', '/reinitialisation', '/nulle-part']) {
      await page.goto(path);
      await page.waitForLoadState('load');
    }
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    // Hydrated: the "show password" toggle only exists once the page's scripts ran.
    await expect(page.getByRole('button', { name: 'Afficher le mot de passe' }).first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
