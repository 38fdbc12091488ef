import type { Browser, Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { account } from './helpers/accounts';
import { startResendStub, type ResendStub, type StubMessage } from './helpers/resend-stub.mjs';
import { startServer, type ServerProcess } from './helpers/server-process';
import { mentions, otherKind } from '../test/identifier-mentions';

/**
 * IDENTIFIER_KINDS decides what every page and email calls an identifier: a federation
 * (licences only) never reads of client codes, a wholesaler (client codes only) never of
 * licences. Each setting gets a server of its own and a Resend stub of its own; every public page
 * is read in French and English, with its errors shown, and so are the emails it sends.
 */
const base = Number(process.env.E2E_PORT ?? 3100);

const SETTINGS = [
  {
    kind: 'licence',
    port: base + 24,
    says: { fr: 'Numéro de licence ou adresse e-mail', en: 'Licence number or email address' },
    unknown: '99999999',
    reset: { identifier: '123456', address: 'marie.dupont@example.org', label: 'Licence 00123456' },
    activation: { identifier: '67890', address: 'paul.martin@example.org' },
  },
  {
    kind: 'client',
    port: base + 26,
    says: { fr: 'Code client ou adresse e-mail', en: 'Client code or email address' },
    unknown: '99999',
    reset: { identifier: '10005', address: 'contact@papeterie-exemple.fr', label: 'Code client 10005' },
    activation: { identifier: '10006', address: 'achats@librairie-exemple.fr' },
  },
] as const;

const LOCALES = [
  { locale: 'fr', browserLocale: 'fr-FR' },
  { locale: 'en', browserLocale: 'en-GB' },
] as const;

/** What a person reads on the page: every visible text, labels and hints included. */
const readPage = (page: Page) => page.locator('body').innerText();

function expectSilentAbout(kind: 'licence' | 'client', locale: 'fr' | 'en', text: string, where: string) {
  const other = otherKind(kind);
  const lines = text.split('\n').filter((line) => mentions(other, locale, line));
  expect(lines, `${where} speaks of ${other} with IDENTIFIER_KINDS=${kind}`).toEqual([]);
}

async function emailTo(stub: ResendStub, address: string, before: number): Promise<StubMessage> {
  let found: StubMessage[] = [];
  await expect
    .poll(() => (found = stub.messages().filter((m) => m.to.includes(address))).length, { timeout: 15_000, message: `an email to ${address}` })
    .toBeGreaterThan(before);
  return found[before];
}

/** The submit button of the form holding this field (the header's language switch is a form too). */
const submitOf = (page: Page, fieldId: string) => page.locator('form', { has: page.locator(`#${fieldId}`) }).locator('button[type="submit"]');

const count = (stub: ResendStub, address: string) => stub.messages().filter((m) => m.to.includes(address)).length;

async function newPage(browser: Browser, server: ServerProcess, browserLocale: string, ip: string) {
  const context = await browser.newContext({ baseURL: server.url, locale: browserLocale, extraHTTPHeaders: { 'X-Forwarded-For': ip } });
  return context.newPage();
}

for (const setting of SETTINGS) {
  test.describe(`IDENTIFIER_KINDS=${setting.kind}`, () => {
    test.describe.configure({ mode: 'serial' });
    // The wording does not depend on the screen: one project is enough.
    test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'desktop', 'one project'));

    let stub: ResendStub;
    let server: ServerProcess;

    test.beforeAll(async ({}, testInfo) => {
      if (testInfo.project.name !== 'desktop') return;
      test.setTimeout(180_000);
      stub = await startResendStub(0);
      server = await startServer(setting.port, { IDENTIFIER_KINDS: setting.kind, RESEND_BASE_URL: stub.url });
    });

    test.afterAll(async () => {
      server?.kill('SIGTERM');
      await server?.exited;
      await stub?.close();
    });

    for (const { locale, browserLocale } of LOCALES) {
      test(`every public page in ${locale}, with its errors`, async ({ browser }) => {
        const ip = `198.18.${setting.kind === 'licence' ? 1 : 2}.${locale === 'fr' ? 1 : 2}`;
        const page = await newPage(browser, server, browserLocale, ip);

        await page.goto('/');
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        expectSilentAbout(setting.kind, locale, await readPage(page), '/');

        await page.goto('/connexion');
        await expect(page.locator('#page-identifier-hint')).toHaveText(setting.says[locale]);
        expectSilentAbout(setting.kind, locale, await readPage(page), '/connexion');
        // A malformed identifier, then an unknown one: the format error and the help that follows a refusal.
        await page.locator('#page-identifier').fill('abc');
        await page.locator('#page-password').fill('whatever-it-is');
        await submitOf(page, 'page-identifier').click();
        await expect(page.locator('#page-identifier-error')).not.toBeEmpty();
        expectSilentAbout(setting.kind, locale, await readPage(page), '/connexion, malformed identifier');
        await page.locator('#page-identifier').fill(setting.unknown);
        await page.locator('#page-password').fill('whatever-it-is');
        await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submitOf(page, 'page-identifier').click()]);
        await expect(page.locator('.alert__more')).toBeVisible();
        expectSilentAbout(setting.kind, locale, await readPage(page), '/connexion, refused');

        await page.goto('/mot-de-passe-oublie');
        expectSilentAbout(setting.kind, locale, await readPage(page), '/mot-de-passe-oublie');
        await page.locator('#forgot-identifier').fill('abc');
        await submitOf(page, 'forgot-identifier').click();
        await expect(page.locator('#forgot-identifier-error')).not.toBeEmpty();
        expectSilentAbout(setting.kind, locale, await readPage(page), '/mot-de-passe-oublie, malformed identifier');

        await page.goto('/ouverture-de-compte');
        expectSilentAbout(setting.kind, locale, await readPage(page), '/ouverture-de-compte');
        await page.locator('#opening-identifier').fill('abc');
        await submitOf(page, 'opening-identifier').click();
        await expect(page.locator('#opening-identifier-error')).not.toBeEmpty();
        expectSilentAbout(setting.kind, locale, await readPage(page), '/ouverture-de-compte, malformed identifier');

        // Without scripts the server writes the same errors.
        const noScript = await browser.newContext({ baseURL: server.url, locale: browserLocale, javaScriptEnabled: false, extraHTTPHeaders: { 'X-Forwarded-For': `${ip}0` } });
        const plain = await noScript.newPage();
        await plain.goto('/mot-de-passe-oublie');
        await plain.locator('#forgot-identifier').fill('abc');
        await submitOf(plain, 'forgot-identifier').click();
        await expect(plain.locator('#forgot-identifier-error')).not.toBeEmpty();
        expectSilentAbout(setting.kind, locale, await readPage(plain), '/mot-de-passe-oublie without scripts');
        await noScript.close();
        await page.context().close();
      });
    }

    test('the emails it sends: reset, first connection, account-request acknowledgement (fr and en)', async ({ browser }, testInfo) => {
      const page = await newPage(browser, server, 'fr-FR', `198.18.${setting.kind === 'licence' ? 3 : 4}.1`);
      const ask = async (identifier: string) => {
        await page.goto('/mot-de-passe-oublie');
        await page.locator('#forgot-identifier').fill(identifier);
        await submitOf(page, 'forgot-identifier').click();
        await expect(page.getByRole('status').filter({ hasText: 'Si ces informations' })).toBeVisible();
      };

      await ask(setting.reset.identifier);
      const reset = await emailTo(stub, setting.reset.address, 0);
      expect(reset.text).toContain(setting.reset.label);
      expectSilentAbout(setting.kind, 'fr', `${reset.subject}\n${reset.text}`, 'the reset email');

      await ask(setting.activation.identifier);
      const activation = await emailTo(stub, setting.activation.address, 0);
      expect(activation.subject).toContain('Activez votre compte');
      expectSilentAbout(setting.kind, 'fr', `${activation.subject}\n${activation.text}`, 'the first-connection email');

      if (setting.kind === 'licence') {
        // An account whose emails are in English.
        const english = account(13, testInfo);
        await ask(english.identifier);
        const email = await emailTo(stub, english.email, 0);
        expect(email.subject).toContain('Reset your');
        expectSilentAbout(setting.kind, 'en', `${email.subject}\n${email.text}`, 'the English reset email');
      }

      // The acknowledgement of an account request, in each language.
      for (const { locale, browserLocale } of LOCALES) {
        const requester = await newPage(browser, server, browserLocale, `198.18.${setting.kind === 'licence' ? 5 : 6}.${locale === 'fr' ? 1 : 2}`);
        const address = `wording-${setting.kind}-${locale}@example.test`;
        const before = count(stub, address);
        await requester.goto('/ouverture-de-compte');
        await requester.locator('#opening-name').fill('Jeanne Martin');
        await requester.locator('#opening-email').fill(address);
        await requester.locator('#opening-message').fill('Bonjour, merci de créer mon compte.');
        await requester.locator('#opening-consent').check();
        await submitOf(requester, 'opening-email').click();
        await expect(requester.locator('.alert--success')).toBeVisible();
        const ack = await emailTo(stub, address, before);
        expectSilentAbout(setting.kind, locale, `${ack.subject}\n${ack.text}`, `the ${locale} acknowledgement`);
        await requester.context().close();
      }
      await page.context().close();
    });
  });
}
