import type { Browser, Page } from '@playwright/test';
import { E2E_PASSWORD } from './helpers/accounts';
import { espaceAccount } from './helpers/espace-accounts';
import { expect, expectNoAxeViolations, signIn, test } from './helpers/fixtures';
import { requestReset } from './helpers/flows';
import { inbox, nextEmail } from './helpers/mailbox';
import { screenshot } from './helpers/screenshots';

/** Self-service in /espace: other sessions, the language of emails, a change of address. */

const changeLinkIn = (text: string) => text.match(/https?:\/\/\S+\/espace\/email\/[A-Za-z0-9_-]{43}/)?.[0] ?? '';
const sessionsCard = (page: Page) => page.getByRole('region', { name: 'Mes sessions ouvertes' });
const languageCard = (page: Page) => page.getByRole('region', { name: 'Langue de mes e-mails' });
const emailCard = (page: Page) => page.getByRole('region', { name: 'Changer mon adresse e-mail' });

/** A session of the same account in another browser, from another address. */
async function elsewhere(browser: Browser, identifier: string, ip: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': ip } });
  const page = await context.newPage();
  await signIn(page, identifier, E2E_PASSWORD);
  await expect(page).toHaveURL('/espace');
  return page;
}

async function askChange(page: Page, address: string, password = E2E_PASSWORD) {
  const card = emailCard(page);
  await card.getByRole('textbox', { name: 'Nouvelle adresse e-mail' }).fill(address);
  await card.getByRole('textbox', { name: 'Mot de passe actuel' }).fill(password);
  await card.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
}

/** Each test's other browsers come from addresses of their own, apart for desktop and phone. */
const otherIp = (n: number, project: string) => `198.51.100.${(project === 'phone' ? 100 : 0) + n}`;

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'self-service in /espace' : 'self-service in /espace without JavaScript', () => {
    test.use({ javaScriptEnabled: javaScript });
    const n = (base: number) => (javaScript ? base : base + 4);

    test('"Fermer toutes mes autres sessions" ends them in one step and this one stays', async ({ page, browser }, testInfo) => {
      // Three browsers sign in (three bcrypt checks): on a busy machine this takes more than the default time.
      test.slow();
      const { identifier } = espaceAccount(n(1), testInfo);
      const others = [
        await elsewhere(browser, identifier, otherIp(n(1) * 4, testInfo.project.name)),
        await elsewhere(browser, identifier, otherIp(n(1) * 4 + 1, testInfo.project.name)),
      ];
      await signIn(page, identifier, E2E_PASSWORD);
      await expect(page).toHaveURL('/espace');
      const card = sessionsCard(page);
      await expect(card.getByRole('listitem')).toHaveCount(3);
      await card.getByRole('button', { name: 'Fermer toutes mes autres sessions' }).click();
      await expect(card.getByRole('status')).toHaveText('2 autres sessions ont été fermées. Cette session reste ouverte.');
      await expect(card.getByRole('listitem')).toHaveCount(1);
      await expect(card.getByText('cette session', { exact: true })).toBeVisible();
      await expect(card.getByRole('button', { name: 'Fermer toutes mes autres sessions' })).toHaveCount(0);
      if (javaScript) await expectNoAxeViolations(page);

      for (const other of others) {
        await other.goto('/espace');
        await expect(other).toHaveURL(/\/connexion/);
        await other.context().close();
      }
      await page.goto('/espace');
      await expect(page).toHaveURL('/espace');
    });

    test('the language of my emails, chosen in /espace, is the one the next email uses', async ({ page }, testInfo) => {
      const { identifier, email } = espaceAccount(n(2), testInfo);
      await signIn(page, identifier, E2E_PASSWORD);
      const card = languageCard(page);
      await expect(card.getByRole('radio', { name: 'Français' })).toBeChecked();
      await card.getByRole('radio', { name: 'English (anglais)' }).check();
      await card.getByRole('button', { name: 'Enregistrer la langue' }).click();
      await expect(card.getByRole('status')).toHaveText('C’est enregistré : vos prochains e-mails seront écrits en anglais.');
      await expect(card.getByRole('radio', { name: 'English (anglais)' })).toBeChecked();
      // The site keeps the visitor's language; only the emails change.
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      if (javaScript) await expectNoAxeViolations(page);

      const before = (await inbox(email)).length;
      await requestReset(page, { identifier });
      expect((await nextEmail(email, before)).subject).toBe('Reset your Sésame password');
    });

    test('changing my email: a link to the new address, a notice to the old one, nothing changed until confirmed', async ({ page, browser }, testInfo) => {
      const { identifier, email: oldAddress } = espaceAccount(n(3), testInfo);
      const newAddress = `nouvelle-${identifier}@example.test`;
      await signIn(page, identifier, E2E_PASSWORD);
      await expect(emailCard(page).getByText(`Adresse actuelle : ${oldAddress}`)).toBeVisible();
      await askChange(page, newAddress.toUpperCase());
      await expect(emailCard(page).getByRole('status')).toContainText(`Un lien de confirmation a été envoyé à ${newAddress}. Il est valable 8 heures.`);
      await expect(emailCard(page).getByRole('textbox', { name: 'Nouvelle adresse e-mail' })).toHaveValue('');
      await expect(emailCard(page).getByRole('textbox', { name: 'Mot de passe actuel' })).toHaveValue('');

      const notice = await nextEmail(oldAddress, 0);
      expect(notice.subject).toBe('Demande de changement de l’adresse e-mail de votre compte Sésame');
      expect(notice.text).toContain(newAddress);
      expect(notice.text).toContain('support@example.org');
      expect(changeLinkIn(notice.text)).toBe('');
      const link = changeLinkIn((await nextEmail(newAddress, 0)).text);
      expect(link).not.toBe('');

      // Opening the link (as a mail scanner does) changes nothing.
      const scanned = await page.request.get(link, { maxRedirects: 0 });
      expect(scanned.status()).toBe(303);
      expect(scanned.headers()['location']).toBe('/espace/email');
      await page.goto('/espace');
      await expect(emailCard(page).getByText(`Adresse actuelle : ${oldAddress}`)).toBeVisible();
      await expect(emailCard(page).getByText(`Changement en attente : un lien de confirmation a été envoyé à ${newAddress}`)).toBeVisible();

      // The link is opened on another device, signed in nowhere: one button confirms.
      const context = await browser.newContext({ javaScriptEnabled: javaScript, extraHTTPHeaders: { 'X-Forwarded-For': otherIp(n(3) * 4, testInfo.project.name) } });
      const mailbox = await context.newPage();
      await mailbox.goto(link);
      await expect(mailbox).toHaveURL('/espace/email');
      await expect(mailbox.getByTestId('new-email')).toHaveText(newAddress);
      if (javaScript) await expectNoAxeViolations(mailbox);
      if (javaScript) await screenshot(mailbox, 'espace-email-confirm', testInfo);
      await mailbox.getByRole('button', { name: 'Confirmer cette adresse' }).click();
      await expect(mailbox).toHaveURL('/espace/email/confirmee');
      await expect(mailbox.getByRole('heading', { level: 1 })).toHaveText('Adresse e-mail modifiée');
      if (javaScript) await expectNoAxeViolations(mailbox);
      // Once only.
      await mailbox.goto(link);
      await expect(mailbox.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
      if (javaScript) await expectNoAxeViolations(mailbox);
      await context.close();

      await page.goto('/espace');
      await expect(emailCard(page).getByText(`Adresse actuelle : ${newAddress}`)).toBeVisible();
      await expect(emailCard(page).getByText('Changement en attente')).toHaveCount(0);
    });

    test('changing my email: every bad input gets its message and sends nothing', async ({ page }, testInfo) => {
      const { identifier, email } = espaceAccount(n(4), testInfo);
      await signIn(page, identifier, E2E_PASSWORD);
      const card = emailCard(page);
      const error = (field: 'email' | 'current') => card.locator(`#email-change-${field}-error`);

      await card.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
      await expect(error('email')).toHaveText('Saisissez la nouvelle adresse e-mail.');
      await expect(error('current')).toHaveText('Ce champ est obligatoire.');
      await expect(card.getByRole('textbox', { name: 'Nouvelle adresse e-mail' })).toHaveAttribute('aria-invalid', 'true');
      if (javaScript) await expectNoAxeViolations(page);

      await askChange(page, 'pas-une-adresse@');
      await expect(error('email')).toHaveText('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.');
      await askChange(page, email.toUpperCase());
      await expect(error('email')).toHaveText('C’est déjà l’adresse de votre compte. Saisissez une autre adresse.');
      await askChange(page, `autre-${identifier}@example.test`, 'not-the-password');
      await expect(error('current')).toHaveText('Le mot de passe actuel est incorrect.');
      // What was typed stays; the password never comes back.
      await expect(card.getByRole('textbox', { name: 'Nouvelle adresse e-mail' })).toHaveValue(`autre-${identifier}@example.test`);
      await expect(card.getByRole('textbox', { name: 'Mot de passe actuel' })).toHaveValue('');
      expect(await inbox(`autre-${identifier}@example.test`)).toHaveLength(0);
      expect(await inbox(email)).toHaveLength(0);

      // The same messages in English.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      const english = page.getByRole('region', { name: 'Change my email address' });
      await english.getByRole('textbox', { name: 'New email address' }).fill('nope');
      await english.getByRole('textbox', { name: 'Current password' }).fill(E2E_PASSWORD);
      await english.getByRole('button', { name: 'Send the confirmation link' }).click();
      await expect(english.locator('#email-change-email-error')).toHaveText('Enter a valid email address, for example name@example.com.');
      await expect(page.getByRole('region', { name: 'Language of my emails' }).getByRole('radio', { name: 'Français (French)' })).toBeChecked();
    });
  });
}

test('an unknown or malformed link gets the invalid-link page', async ({ page }) => {
  await page.goto(`/espace/email/${'A'.repeat(43)}`);
  await expect(page).toHaveURL('/espace/email');
  await expect(page.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
  await page.goto('/espace/email/not-a-token');
  await expect(page.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
  await page.goto('/espace/email');
  await expect(page.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
  await expectNoAxeViolations(page);
});

/**
 * The sections of /espace this feature adds, as people see them, at the project's size and at
 * 320 px: none is wider than the screen or scrolls sideways inside. With SCREENSHOTS=dir the
 * page is also saved there to be looked at. (The whole page's width is checked for every page by
 * the page-width spec.)
 */
test('/espace self-service sections fit the screen, a pending change and messages included', async ({ page }, testInfo) => {
  const { identifier } = espaceAccount(9, testInfo);
  await signIn(page, identifier, E2E_PASSWORD);
  await askChange(page, `une-adresse-assez-longue-pour-voir-${identifier}@sous-domaine.example.test`);
  await expect(emailCard(page).getByRole('status')).toBeVisible();
  await page.goto('/espace?sessions-fermees=0&langue-emails=ok');
  // "Sur cette page": each card one tap away, every link leading to a heading of the page.
  const contents = page.getByRole('navigation', { name: 'Sur cette page' }).getByRole('link');
  await expect(contents).toHaveText(['Changer mon mot de passe', 'Changer mon adresse e-mail', 'Langue de mes e-mails', 'Vérification en deux étapes', 'Clés d’accès', 'Mes sessions ouvertes']);
  for (const href of await contents.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
    await expect(page.locator(`h2${href}`)).toHaveCount(1);
  }
  const viewport = page.viewportSize()!;
  for (const width of [viewport.width, 320]) {
    await page.setViewportSize({ width, height: viewport.height });
    for (const section of [emailCard(page), languageCard(page), sessionsCard(page)]) {
      const box = await section.evaluate((el) => ({ right: el.getBoundingClientRect().right, scroll: el.scrollWidth, client: el.clientWidth, screen: window.innerWidth }));
      expect(box.scroll, `${await section.getAttribute('aria-labelledby')} at ${width} px`).toBeLessThanOrEqual(box.client);
      expect(box.right, `${await section.getAttribute('aria-labelledby')} at ${width} px`).toBeLessThanOrEqual(box.screen);
    }
  }
  await page.setViewportSize(viewport);
  await screenshot(page, 'espace-self-service', testInfo);
  await expectNoAxeViolations(page);
});
