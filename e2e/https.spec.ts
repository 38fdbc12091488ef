import { account } from './helpers/accounts';
import { DEMO, expect, signIn, test } from './helpers/fixtures';
import { choosePassword, linkFor } from './helpers/flows';
import { formFields, pageText, postForm, withValues } from './helpers/raw-http';

/**
 * Sésame as deployed: behind a TLS-terminating proxy that appends to X-Forwarded-For
 * (e2e/helpers/tls-proxy.mjs), with an https:// APP_URL and TRUST_PROXY=1. This project's baseURL is the
 * proxy's https address.
 */

test.describe('under HTTPS', () => {
  test('HSTS and upgrade-insecure-requests on every kind of response', async ({ request }) => {
    for (const path of ['/', '/connexion', '/nulle-part', '/api/health', '/reinitialisation/not-a-token']) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers['strict-transport-security'], path).toBe('max-age=63072000; includeSubDomains');
      expect(headers['content-security-policy'], path).toContain('upgrade-insecure-requests');
    }
  });

  test('every cookie is Secure, HttpOnly and SameSite=Lax, with a __Host- or __Secure- name', async ({ page, context }, testInfo) => {
    const holder = account(17, testInfo);
    // The language cookie, the remembered identifier and the session…
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authentification');
    await signIn(page, holder.identifier, holder.password, { remember: true });
    await expect(page).toHaveURL('/espace');
    // …and the reset cookie an emailed link sets.
    const { link } = await linkFor(page, holder.email, { identifier: holder.identifier });
    await page.goto(link);
    await expect(page).toHaveURL('/reinitialisation');

    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name).sort()).toEqual(
      expect.arrayContaining(['__Host-sesame-identifier', '__Host-sesame-locale', '__Host-authjs.session-token', '__Secure-sesame-reset']),
    );
    for (const cookie of cookies) {
      expect(cookie.name, cookie.name).toMatch(/^__(Host|Secure)-/);
      expect(cookie.secure, cookie.name).toBe(true);
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe('Lax');
      if (cookie.name.startsWith('__Host-')) expect(cookie.path, cookie.name).toBe('/');
    }
    expect(cookies.find((c) => c.name === '__Secure-sesame-reset')?.path).toBe('/reinitialisation');
  });

  test('a reset link is built on the https address, and the whole flow works behind the proxy', async ({ page }, testInfo) => {
    const holder = account(18, testInfo);
    const { link } = await linkFor(page, holder.email, { identifier: holder.identifier });
    expect(link.startsWith(`${testInfo.project.use.baseURL}/reinitialisation/`)).toBe(true);

    await page.goto(link);
    await choosePassword(page, 'Un mot de passe sous TLS');
    await expect(page).toHaveURL(`/reinitialisation/termine?identifiant=${holder.identifier}`);
    await signIn(page, holder.identifier, 'Un mot de passe sous TLS');
    await expect(page).toHaveURL('/espace');
  });

  test('a client behind the proxy cannot dodge the per-address limit by forging X-Forwarded-For', async ({ browser, baseURL }) => {
    // This test's client connects from 127.0.0.77 (loopback aliases work without set-up); the
    // proxy appends that address, and Sésame trusts only the proxy's entry.
    const url = `${baseURL}/connexion`;
    const fields = await formFields(browser, url, 'identifier');
    const attempt = (identifier: string, password: string, forged: string, from = '127.0.0.77') =>
      postForm(url, withValues(fields, [['identifier', identifier], ['password', password]]), {
        localAddress: from,
        headers: { 'x-forwarded-for': forged, 'x-real-ip': forged },
      });

    for (let i = 0; i < 30; i += 1) {
      const response = await attempt(String(30_000_000 + i), 'not-the-password', `198.18.${i}.${i + 1}`);
      expect(pageText(response.body), `attempt ${i + 1}`).toContain('Identifiant ou mot de passe incorrect.');
    }
    const throttled = await attempt(DEMO.marie.identifier, DEMO.marie.password, '198.18.200.1');
    expect(throttled.status).toBe(200);
    expect(pageText(throttled.body)).toContain('Trop de tentatives. Réessayez dans 15 minutes');

    // Someone else, at another address, is not affected.
    const elsewhere = await attempt(DEMO.marie.identifier, DEMO.marie.password, '198.18.200.1', '127.0.0.78');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.location).toBe('/espace');
  });
});
