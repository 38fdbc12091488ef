import type { Browser, Page } from '@playwright/test';
import { account } from './helpers/accounts';
import { DEMO, expect, RESET_ANSWER, signIn, test } from './helpers/fixtures';
import { adminRecoveryCode, enterCode } from './helpers/second-factor';
import { linkFor } from './helpers/flows';
import { emailContaining, inbox, nextEmail } from './helpers/mailbox';
import { type Fields, formFields, pageText, postForm, type RawResponse, rawRequest, withValues } from './helpers/raw-http';

/**
 * What an attacker's script posts to every form: SQL fragments, header injection through line
 * breaks, HTML, NUL bytes, very long strings, a field sent twice. Each gets the clear message a
 * person would get, in French, and nothing is interpreted or stored. HTTP-level: desktop only.
 */
test.skip(({ isMobile }) => isMobile, 'HTTP-level tests: one run is enough');

const LONG = 'x'.repeat(100_000);
const SQL = "' OR '1'='1' --";
const CRLF_HEADER = '\r\nBcc: attacker@evil.test';
const SCRIPT = '<script>alert(1)</script>';
const IDENTIFIER_FORMAT = 'Saisissez un numéro de licence (jusqu’à 8 chiffres), un code client (5 chiffres) ou une adresse e-mail.';
const EMAIL_FORMAT = 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.';

type Case = [label: string, values: Fields, expected: string];

/** A page that handled the input: a normal page with the expected message, no error, no trace. */
function expectHandled(response: RawResponse, expected: string, label: string) {
  const text = pageText(response.body);
  expect(response.status, label).toBe(200);
  expect(text, label).toContain(expected);
  expect(text, label).not.toMatch(/Internal Server Error|Une erreur est survenue|\bat \S+ \(|node_modules/);
  // Never reflected as markup.
  expect(response.body, label).not.toContain(SCRIPT);
}

async function postCases(browser: Browser, url: string, field: string, cases: Case[], headers: Record<string, string>) {
  const fields = await formFields(browser, url, field, headers.cookie);
  for (const [label, values, expected] of cases) {
    expectHandled(await postForm(url, withValues(fields, values), { headers }), expected, label);
  }
}

/** The cookies of a browser that went through `steps`, as a Cookie header. */
async function cookieAfter(browser: Browser, clientIp: string, steps: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp } });
  const page = await context.newPage();
  await steps(page);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await context.close();
  return cookie;
}

test('sign-in: every hostile identifier or password gets a field message', async ({ browser, baseURL, clientIp }) => {
  await postCases(
    browser,
    `${baseURL}/connexion`,
    'identifier',
    [
      ['SQL fragment', [['identifier', SQL], ['password', 'x']], IDENTIFIER_FORMAT],
      ['line break and header', [['identifier', `00123456${CRLF_HEADER}`], ['password', 'x']], IDENTIFIER_FORMAT],
      ['HTML', [['identifier', SCRIPT], ['password', 'x']], IDENTIFIER_FORMAT],
      ['NUL byte', [['identifier', '00123456\u0000'], ['password', 'x\u0000y']], IDENTIFIER_FORMAT],
      ['100,000 characters', [['identifier', LONG], ['password', 'x']], 'Ce champ est trop long.'],
      ['a 100,000-character password', [['identifier', DEMO.marie.identifier], ['password', LONG]], 'Ce champ est trop long.'],
      ['identifier twice', [['identifier', DEMO.marie.identifier], ['identifier', DEMO.tom.identifier], ['password', 'x']], 'Ce champ est obligatoire.'],
    ],
    { 'x-forwarded-for': clientIp },
  );
});

test('reset request: hostile values get a field message; a second address never receives mail', async ({ browser, baseURL, clientIp }, testInfo) => {
  const url = `${baseURL}/mot-de-passe-oublie`;
  await postCases(
    browser,
    url,
    'identifier',
    [
      ['email with a header injection', [['email', `marie.dupont@example.org${CRLF_HEADER}`]], EMAIL_FORMAT],
      ['email with a NUL byte', [['email', 'marie.dupont@example.org\u0000']], EMAIL_FORMAT],
      ['SQL fragment', [['identifier', SQL]], IDENTIFIER_FORMAT],
      ['100,000 characters', [['identifier', LONG]], 'Ce champ est trop long.'],
      ['both fields twice', [['identifier', '123456'], ['identifier', '10005'], ['email', 'a@example.org'], ['email', 'b@example.org']], 'Renseignez votre identifiant ou votre adresse e-mail.'],
    ],
    { 'x-forwarded-for': clientIp },
  );

  // An identifier with the attacker's address, once beside it and once instead of it: the link
  // goes to the address on file, and only there.
  const holder = account(19, testInfo);
  const attacker = `attacker-${testInfo.project.name}@evil.test`;
  const fields = await formFields(browser, url, 'identifier');
  const before = (await inbox(holder.email)).length;
  for (const email of [[['email', holder.email], ['email', attacker]], [['email', attacker]]] as Fields[]) {
    const response = await postForm(url, withValues(fields, [['identifier', holder.identifier], ...email]), { headers: { 'x-forwarded-for': clientIp } });
    expectHandled(response, RESET_ANSWER, 'identifier with the attacker’s address');
  }
  await nextEmail(holder.email, before + 1);
  expect(await inbox(attacker)).toEqual([]);
});

test('account request: hostile values get a field message; HTML in a message stays text', async ({ browser, baseURL, clientIp }) => {
  const url = `${baseURL}/ouverture-de-compte`;
  const valid: Fields = [['name', 'Jeanne Martin'], ['email', 'jeanne@example.test'], ['message', 'Bonjour'], ['consent', 'on']];
  const invalidText = 'Ce champ contient des caractères non autorisés.';
  const marker = `marqueur-${Date.now()}`;
  await postCases(
    browser,
    url,
    'message',
    [
      ['name with a header injection', withValues(valid, [['name', `Jeanne${CRLF_HEADER}`]]), invalidText],
      ['email with a header injection', withValues(valid, [['email', `jeanne@example.test${CRLF_HEADER}`]]), EMAIL_FORMAT],
      ['message with a NUL byte', withValues(valid, [['message', 'Bonjour\u0000']]), invalidText],
      ['100,000-character message', withValues(valid, [['message', LONG]]), 'Ce champ est trop long (2000 caractères au plus).'],
      ['100,000-character name', withValues(valid, [['name', LONG]]), 'Ce champ est trop long (100 caractères au plus).'],
      ['SQL in the identifier', withValues(valid, [['identifier', SQL]]), 'Saisissez un numéro de licence'],
      ['HTML and SQL in the message', withValues(valid, [['message', `${marker} ${SCRIPT} <img src=x onerror=alert(1)> ${SQL}`]]), 'Notre service client reviendra vers vous'],
    ],
    { 'x-forwarded-for': clientIp },
  );
  // Customer service reads the message as text: escaped in the HTML, as typed in the text part.
  const notification = await emailContaining('support@example.org', marker);
  expect(notification.html).not.toContain('<script>');
  expect(notification.html).not.toContain('<img src=x');
  expect(notification.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(notification.text).toContain(SCRIPT);
});

test('new password and password change: over-long and doubled fields get a message', async ({ browser, baseURL, clientIp }, testInfo) => {
  const holder = account(20, testInfo);
  const headers = { 'x-forwarded-for': clientIp };
  // A browser that opened an emailed link holds the reset cookie.
  const resetCookie = await cookieAfter(browser, clientIp, async (page) => {
    await page.goto((await linkFor(page, holder.email, { identifier: holder.identifier })).link);
  });
  await postCases(
    browser,
    `${baseURL}/reinitialisation`,
    'confirmation',
    [
      ['100,000 characters', [['password', LONG], ['confirmation', LONG]], 'Le mot de passe ne doit pas dépasser 128 caractères.'],
      ['password twice', [['password', 'Premier-mot-de-passe'], ['password', 'Second-mot-de-passe']], 'Ce champ est obligatoire.'],
    ],
    { ...headers, cookie: resetCookie },
  );

  const sessionCookie = await cookieAfter(browser, clientIp, async (page) => {
    await signIn(page, holder.identifier, holder.password);
    await expect(page).toHaveURL('/espace');
  });
  await postCases(
    browser,
    `${baseURL}/espace`,
    'current',
    [
      ['100,000-character current password', [['current', LONG], ['password', LONG], ['confirmation', LONG]], 'Le mot de passe actuel est incorrect.'],
      ['NUL bytes', [['current', holder.password], ['password', 'Nouveau\u0000mot'], ['confirmation', 'x']], 'Le mot de passe doit'],
    ],
    { ...headers, cookie: sessionCookie },
  );
});

test('admin: hostile values in the account form and the search get a message or no result', async ({ browser, baseURL, clientIp }, testInfo) => {
  const cookie = await cookieAfter(browser, clientIp, async (page) => {
    await signIn(page, DEMO.admin.identifier, DEMO.admin.password);
    await enterCode(page, adminRecoveryCode(5, testInfo));
    await expect(page).toHaveURL('/espace');
  });
  const headers = { 'x-forwarded-for': clientIp, cookie };
  const valid: Fields = [['kind', 'licence'], ['identifier', '777'], ['email', 'a@example.test'], ['name', 'A'], ['locale', 'fr'], ['role', 'member']];
  await postCases(
    browser,
    `${baseURL}/admin/comptes/nouveau`,
    'identifier',
    [
      ['SQL identifier', withValues(valid, [['identifier', SQL]]), 'Saisissez un numéro de licence de 1 à 8 chiffres.'],
      ['name with a header injection', withValues(valid, [['name', `Jeanne${CRLF_HEADER}`]]), 'Ce champ contient des caractères non autorisés.'],
      ['email with a NUL byte', withValues(valid, [['email', 'a@example.test\u0000']]), EMAIL_FORMAT],
      ['100,000-character name', withValues(valid, [['name', LONG]]), 'Le nom est trop long (200 caractères au plus).'],
    ],
    headers,
  );
  for (const q of ['\u0000', `${SQL}\u0000`, SCRIPT, LONG.slice(0, 5000)]) {
    const response = await rawRequest(`${baseURL}/admin?q=${encodeURIComponent(q)}`, { headers });
    expectHandled(response, 'Aucun compte ne correspond', `search ${JSON.stringify(q.slice(0, 20))}`);
  }
});
