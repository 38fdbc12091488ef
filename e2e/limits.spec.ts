import { account } from './helpers/accounts';
import { expect, test } from './helpers/fixtures';
import { linkFor } from './helpers/flows';
import { inbox, nextEmail } from './helpers/mailbox';
import { formFields, inputsOf, pageText, postForm, type RawResponse, withValues } from './helpers/raw-http';

/** The per-address limits, seen from outside. HTTP-level: desktop only. */
test.skip(({ isMobile }) => isMobile, 'HTTP-level tests: one run is enough');

test('after 20 invalid links from one address, even a valid link opens nothing there, and still works elsewhere', async ({ page, browser, request, clientIp }, testInfo) => {
  const holder = account(21, testInfo);
  const { link } = await linkFor(page, holder.email, { identifier: holder.identifier });

  for (let i = 0; i < 20; i += 1) {
    const guess = `${'G'.repeat(40)}${String(i).padStart(3, '0')}`;
    expect((await request.get(`/reinitialisation/${guess}`, { maxRedirects: 0 })).status()).toBe(303);
  }
  await page.goto(link);
  await expect(page).toHaveURL('/reinitialisation');
  await expect(page.getByRole('heading', { level: 2, name: 'Ce lien n’est plus valable' })).toBeVisible();

  // Opening a link never uses it: from another address, the same link still works.
  const elsewhere = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${clientIp.split('.')[3]}` } });
  const other = await elsewhere.newPage();
  await other.goto(link);
  await expect(other.getByTestId('reset-identifier')).toHaveText(holder.identifier);
  await elsewhere.close();
});

test('the 6th account request from one address in an hour gets the same answer and goes nowhere', async ({ browser, baseURL, clientIp }, testInfo) => {
  const url = `${baseURL}/ouverture-de-compte`;
  const fields = await formFields(browser, url, 'message');
  const address = (n: number) => `demande-${n}-${testInfo.project.name}-${clientIp}@example.test`;
  for (let n = 1; n <= 6; n += 1) {
    const values = withValues(fields, [['name', `Demandeur ${n}`], ['email', address(n)], ['message', 'Bonjour'], ['consent', 'on']]);
    const response = await postForm(url, values, { headers: { 'x-forwarded-for': clientIp } });
    expect(response.status).toBe(200);
    expect(pageText(response.body), `request ${n}`).toContain('Merci, votre demande est bien envoyée.');
  }
  for (let n = 1; n <= 5; n += 1) await nextEmail(address(n), 0);
  // The acknowledgements of the first five arrived; the sixth's would have arrived with them.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(await inbox(address(6))).toEqual([]);
});

test('a throttled sign-in answers the same page for a known and an unknown identifier', async ({ browser, baseURL, clientIp }, testInfo) => {
  const url = `${baseURL}/connexion`;
  const fields = await formFields(browser, url, 'identifier');
  const known = account(22, testInfo).identifier;
  const unknown = `0097${known.slice(4)}`;
  const attempt = (identifier: string, password: string) =>
    postForm(url, withValues(fields, [['identifier', identifier], ['password', password]]), { headers: { 'x-forwarded-for': clientIp } });

  for (let i = 0; i < 5; i += 1) {
    await attempt(known, `wrong-password-${i}`);
    await attempt(unknown, `wrong-password-${i}`);
  }
  // The right password of the known account changes nothing while it waits.
  const [a, b] = [await attempt(known, account(22, testInfo).password), await attempt(unknown, 'any-password-at-all')];
  // Compared as a person and a program see them: status, headers, text and form fields. (Markup
  // bytes differ between any two answers: each has its own CSP nonce, and React streams the rows
  // of a page's data in whatever order they are ready. For the same reason the number React gives
  // each server-action form of the page, in `$ACTION_REF_<n>` and `$ACTION_<n>:` field names,
  // follows the order the forms are rendered in; it says nothing about the identifier.)
  const actionNumber = (name: string) => name.replace(/^\$ACTION_(REF_)?\d+/, '$ACTION_$1<n>');
  const seen = (response: RawResponse, identifier: string) => ({
    status: response.status,
    headers: ['content-type', 'cache-control', 'referrer-policy', 'x-frame-options'].map((name) => response.headers[name]),
    cookies: (response.headers['set-cookie'] ?? []).map((cookie) => cookie.split('=')[0]),
    text: pageText(response.body).replaceAll(identifier, '<identifier>'),
    fields: inputsOf(response.body).map(([name, value]) => [actionNumber(name), value.replaceAll(identifier, '<identifier>')]),
  });
  expect(pageText(a.body)).toContain('Trop de tentatives. Réessayez dans 1 minute, ou réinitialisez votre mot de passe.');
  expect(pageText(a.body)).not.toMatch(/verrouill|bloqué|locked/i);
  const [pageA, pageB] = [seen(a, known), seen(b, unknown)];
  expect(pageA.fields.length).toBeGreaterThan(3);
  expect(pageA).toEqual(pageB);
});
