import { refusalPage } from '@/lib/http/refusals';
import { account } from './helpers/accounts';
import { DEMO, expect, expectNoAxeViolations, RESET_ANSWER, test } from './helpers/fixtures';
import { inbox, linksIn, nextEmail } from './helpers/mailbox';
import { chunkedPost, formFields, pageText, postForm, rawRequest, withValues } from './helpers/raw-http';

/**
 * Requests a script sends to the server directly, with headers a browser would never let a page
 * choose. HTTP-level: run once, at desktop size.
 */
test.skip(({ isMobile }) => isMobile, 'HTTP-level tests: one run is enough');

const forgedHost = (clientIp: string) => ({
  host: 'evil.test',
  'x-forwarded-host': 'evil.test',
  'x-forwarded-proto': 'https',
  // The action runs only when its Origin matches the (forged) host, as it would for a real site.
  origin: 'http://evil.test',
  'x-forwarded-for': clientIp,
});

test.describe('a forged Host or X-Forwarded-Host', () => {
  test('never changes an emailed link: links come from APP_URL', async ({ browser, baseURL, clientIp }, testInfo) => {
    const holder = account(17, testInfo);
    const fields = await formFields(browser, `${baseURL}/mot-de-passe-oublie`, 'identifier');
    const before = (await inbox(holder.email)).length;

    const response = await postForm(`${baseURL}/mot-de-passe-oublie`, withValues(fields, [['identifier', holder.identifier]]), {
      headers: forgedHost(clientIp),
    });
    expect(response.status).toBe(200);
    expect(pageText(response.body)).toContain(RESET_ANSWER);

    const email = await nextEmail(holder.email, before);
    const links = linksIn(email);
    expect(links).toHaveLength(1);
    expect(links[0].startsWith(`${baseURL}/reinitialisation/`)).toBe(true);
    expect(email.html + email.text).not.toContain('evil.test');
  });

  test('never changes a redirect or a cookie', async ({ browser, baseURL, clientIp }) => {
    for (const path of ['/espace', '/admin', `/reinitialisation/${'A'.repeat(43)}`, '/connexion/']) {
      const response = await rawRequest(`${baseURL}${path}`, { headers: forgedHost(clientIp) });
      expect(response.status, path).toBeGreaterThanOrEqual(300);
      expect(response.headers.location, path).toMatch(/^\/(?!\/)/);
    }

    const fields = await formFields(browser, `${baseURL}/connexion?callbackUrl=${encodeURIComponent('http://evil.test/x')}`, 'identifier');
    const signedIn = await postForm(
      `${baseURL}/connexion`,
      withValues(fields, [['identifier', DEMO.marie.identifier], ['password', DEMO.marie.password]]),
      { headers: forgedHost(clientIp) },
    );
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/espace');
    const cookies = signedIn.headers['set-cookie'] ?? [];
    expect(cookies.some((c) => c.startsWith('authjs.session-token='))).toBe(true);
    for (const cookie of cookies) {
      expect(cookie).not.toContain('evil.test');
      expect(cookie).not.toMatch(/;\s*domain=/i);
    }
  });
});

test.describe('a form posted from another site', () => {
  test('is refused with a clear page, in both languages, and does nothing', async ({ browser, baseURL, clientIp }) => {
    const fields = await formFields(browser, `${baseURL}/connexion`, 'identifier');
    const values = withValues(fields, [['identifier', DEMO.marie.identifier], ['password', DEMO.marie.password]]);
    for (const origin of ['http://evil.test', 'null']) {
      const response = await postForm(`${baseURL}/connexion`, values, { headers: { origin, 'x-forwarded-for': clientIp } });
      expect(response.status, origin).toBe(403);
      expect(pageText(response.body)).toContain('Ce formulaire a été envoyé depuis un autre site');
      expect(pageText(response.body)).toContain('This form was sent from another website');
      expect(response.headers['set-cookie'], origin).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  test('the refusal page is accessible', async ({ page }) => {
    await page.setContent(refusalPage({ status: 403, reason: 'crossSite' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Formulaire non pris en compte' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a body too large for any form gets a clear page, not an error', async ({ browser, baseURL, clientIp }) => {
    const fields = await formFields(browser, `${baseURL}/ouverture-de-compte`, 'message');
    const response = await postForm(`${baseURL}/ouverture-de-compte`, withValues(fields, [['message', 'x'.repeat(2_000_000)]]), {
      headers: { 'x-forwarded-for': clientIp },
    });
    expect(response.status).toBe(413);
    expect(pageText(response.body)).toContain('Ce formulaire est trop volumineux');
    expect((await rawRequest(`${baseURL}/api/health`)).status).toBe(200);
  });

  test('a body sent in chunks, without a length, gets the same page once past the limit, long before its end', async ({ baseURL, clientIp }) => {
    const { status, body, bytesSent } = await chunkedPost(`${baseURL}/connexion`, 30 * 1024 * 1024, { 'x-forwarded-for': clientIp, origin: baseURL! });
    expect(status).toBe(413);
    expect(pageText(body)).toContain('Ce formulaire est trop volumineux');
    expect(bytesSent).toBeLessThan(30 * 1024 * 1024);
    expect((await rawRequest(`${baseURL}/api/health`)).status).toBe(200);
  });
});
