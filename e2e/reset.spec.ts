import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, formAlert, signIn, test } from './helpers/fixtures';
import { choosePassword, linkFor, requestReset } from './helpers/flows';
import { account, E2E_PASSWORD } from './helpers/accounts';
import { inbox, linksIn, nextEmail } from './helpers/mailbox';

test.describe('reset and first connection', () => {
  test('reset by identifier: link, token out of the address bar, new password, sign-in', async ({ page }, testInfo) => {
    const { identifier, email: address } = account(1, testInfo);
    const { email, link } = await linkFor(page, address, { identifier: identifier.replace(/^0+/, '') });
    expect(email.subject).toContain('Réinitialisation de votre mot de passe');
    expect(email.text).toContain(identifier);
    expect(email.text).toMatch(/valable 8 heures/);

    await page.goto(link);
    await expect(page).toHaveURL('/reinitialisation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activation / Réinitialisation compte utilisateur');
    await expect(page.getByTestId('reset-identifier')).toHaveText(identifier);
    await expect(page.getByText('* Champs obligatoires')).toBeVisible();
    await choosePassword(page, 'Un nouveau mot de passe solide');
    await expect(page).toHaveURL(`/reinitialisation/termine?identifiant=${identifier}`);
    await page.getByRole('main').getByRole('link', { name: 'Connexion' }).click();
    await expect(page.getByRole('textbox', { name: 'Identifiant', exact: true })).toHaveValue(identifier);
    await signIn(page, identifier, 'Un nouveau mot de passe solide');
    await expect(page).toHaveURL('/espace');

    const notice = await nextEmail(address, 1);
    expect(notice.subject).toMatch(/mot de passe a été modifié/i);
  });

  test('reset by email alone, and by identifier and email together', async ({ page }, testInfo) => {
    const byEmail = account(2, testInfo);
    const first = await linkFor(page, byEmail.email, { email: byEmail.email.toUpperCase() });
    expect(first.email.text).toContain(byEmail.identifier);
    const both = account(3, testInfo);
    const second = await linkFor(page, both.email, { identifier: both.identifier, email: both.email });
    expect(second.email.text).toContain(both.identifier);
  });

  test('first connection of a pending account: the activation email, then the account is active', async ({ page }, testInfo) => {
    const { identifier, email: address } = account(4, testInfo);
    await signIn(page, identifier, 'anything-at-all-here');
    await expect(formAlert(page)).toContainText('Identifiant ou mot de passe incorrect.');
    const { email, link } = await linkFor(page, address, { identifier });
    expect(email.subject).toContain('Activez votre compte');
    await page.goto(link);
    // Seed 000: the field comes filled with a strong password that can be kept as it is.
    const generated = await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).inputValue();
    expect(generated).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await expect(page.getByRole('textbox', { name: 'Confirmation mot de passe' })).toHaveValue(generated);
    await choosePassword(page);
    await expect(page.getByRole('heading', { name: 'Votre mot de passe est enregistré' })).toBeVisible();
    await signIn(page, identifier, generated);
    await expect(page).toHaveURL('/espace');
  });

  test('a pending client code gets its first-connection email too', async ({ page }, testInfo) => {
    const code = testInfo.project.name === 'desktop' ? '98001' : '98101';
    const { email } = await linkFor(page, `client-${code}@example.test`, { identifier: code });
    expect(email.subject).toContain('Activez votre compte');
    expect(email.text).toContain(code);
  });

  test('an email shared by several accounts gets one message with a link for each', async ({ page }, testInfo) => {
    const a = account(5, testInfo);
    const b = account(6, testInfo);
    const before = (await inbox(a.email)).length;
    await requestReset(page, { email: a.email });
    const email = await nextEmail(a.email, before);
    expect(email.text).toContain(a.identifier);
    expect(email.text).toContain(b.identifier);
    expect(linksIn(email)).toHaveLength(2);
    await page.waitForTimeout(1000);
    expect(await inbox(a.email)).toHaveLength(before + 1);
  });

  test('an unknown identifier gets the same answer and no email', async ({ page }) => {
    await requestReset(page, { identifier: '00999998' });
    await requestReset(page, { email: 'personne@example.test' });
    await page.waitForTimeout(1000);
    expect(await inbox('personne@example.test')).toHaveLength(0);
  });

  test('a link opened three times still works, and is refused once used', async ({ page, browser }, testInfo) => {
    const { email: address, identifier } = account(8, testInfo);
    const { link } = await linkFor(page, address, { identifier });
    for (let i = 0; i < 3; i += 1) {
      const scanner = await browser.newContext();
      await (await scanner.newPage()).goto(link);
      await scanner.close();
    }
    await page.goto(link);
    await choosePassword(page, 'Encore un mot de passe neuf');
    await expect(page).toHaveURL(/termine/);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
    await page.getByRole('link', { name: 'Demander un nouveau lien' }).click();
    await expect(page).toHaveURL('/mot-de-passe-oublie');
  });

  test('reset pages send no Referer elsewhere and are never cached', async ({ request }) => {
    const link = await request.get('/reinitialisation/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { maxRedirects: 0 });
    expect(link.status()).toBe(303);
    expect(link.headers()['location']).toBe('/reinitialisation');
    expect(link.headers()['referrer-policy']).toBe('no-referrer');
    expect(link.headers()['cache-control']).toContain('no-store');
    const form = await request.get('/reinitialisation');
    expect(form.headers()['referrer-policy']).toBe('same-origin');
    expect(form.headers()['cache-control']).toContain('no-store');
  });

  test('a made-up link shows the same page as a used one', async ({ page }) => {
    await page.goto('/reinitialisation/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expect(page).toHaveURL('/reinitialisation');
    await expect(page.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a session opened before the reset is ended by it', async ({ page, browser }, testInfo) => {
    const { email: address, identifier } = account(7, testInfo);
    const other = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.250' } });
    const before = await other.newPage();
    await signIn(before, identifier, E2E_PASSWORD);
    await expect(before).toHaveURL('/espace');

    const { link } = await linkFor(page, address, { identifier });
    await page.goto(link);
    await choosePassword(page, 'Mot de passe apres reset');
    await expect(page).toHaveURL(/termine/);

    await before.goto('/espace');
    await expect(before).toHaveURL(/\/connexion/);
    await other.close();
  });

  test('refused passwords say why, and the link still works afterwards', async ({ page }, testInfo) => {
    const { email: address, identifier } = account(9, testInfo);
    const { link } = await linkFor(page, address, { identifier });
    await page.goto(link);
    const error = page.locator('#reset-password-error');
    await choosePassword(page, 'court');
    await expect(error).toHaveText('Le mot de passe doit contenir au moins 12 caractères.');
    await choosePassword(page, 'motdepasse123');
    await expect(error).toContainText('trop courant');
    await choosePassword(page, `${identifier}-abc!`);
    await expect(error).toContainText('reprend votre identifiant');
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Un mot de passe bien long');
    await page.getByRole('textbox', { name: 'Confirmation mot de passe' }).fill('Un autre mot de passe');
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.locator('#reset-confirmation-error')).toHaveText('Les deux mots de passe ne sont pas identiques.');
    await expectNoAxeViolations(page);
    await choosePassword(page, 'Un mot de passe bien long');
    await expect(page).toHaveURL(/termine/);
  });

  test('two tabs submitting one link at once: exactly one succeeds', async ({ page, context }, testInfo) => {
    const { email: address, identifier } = account(12, testInfo);
    const { link } = await linkFor(page, address, { identifier });
    const second = await context.newPage();
    await page.goto(link);
    await second.goto(link);
    await Promise.all([choosePassword(page, 'Premier onglet gagnant'), choosePassword(second, 'Second onglet gagnant')]);
    const outcome = async (p: Page) =>
      (await p.getByRole('heading', { name: 'Votre mot de passe est enregistré' }).count()) > 0
        ? 'done'
        : (await p.getByRole('heading', { name: 'Ce lien n’est plus valable' }).count()) > 0
          ? 'refused'
          : 'waiting';
    await expect.poll(async () => (await Promise.all([outcome(page), outcome(second)])).sort().join(',')).toBe('done,refused');
  });

  test('English account, English email', async ({ page }, testInfo) => {
    const { email: address, identifier } = account(13, testInfo);
    const { email } = await linkFor(page, address, { identifier });
    expect(email.subject).toMatch(/Reset your .* password/);
    expect(email.text).toContain('valid for 8 hours');
  });

  test('accessibility of the request and reset pages, and the password tools', async ({ page, context }, testInfo) => {
    await page.goto('/mot-de-passe-oublie');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Réinitialiser mot de passe' }).click();
    await expect(page.locator('#forgot-identifier-error')).toHaveText('Renseignez votre identifiant ou votre adresse e-mail.');
    await expectNoAxeViolations(page);

    const { email: address, identifier } = account(14, testInfo);
    const { link } = await linkFor(page, address, { identifier });
    await page.goto(link);
    await expectNoAxeViolations(page);
    const field = page.getByRole('textbox', { name: 'Mot de passe', exact: true });
    const first = await field.inputValue();
    await page.getByRole('button', { name: 'Proposer un autre mot de passe' }).click();
    await expect(field).not.toHaveValue(first);
    await expect(page.getByText(/Solidité : (bonne|excellente)/)).toBeVisible();
    if (testInfo.project.name === 'desktop') {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Copier' }).click();
      await expect(page.getByText('Mot de passe copié.')).toBeVisible();
    }
  });
});

test.describe('reset without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole flow works with the server-generated password', async ({ page }, testInfo) => {
    const { email: address, identifier } = account(10, testInfo);
    const { link } = await linkFor(page, address, { identifier });
    await page.goto(link);
    const generated = await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).inputValue();
    expect(generated.length).toBeGreaterThanOrEqual(16);
    await choosePassword(page, 'court');
    await expect(page.locator('#reset-password-error')).toHaveText('Le mot de passe doit contenir au moins 12 caractères.');
    await choosePassword(page, 'Sans script mais solide');
    await expect(page).toHaveURL(/termine/);
    await signIn(page, identifier, 'Sans script mais solide');
    await expect(page).toHaveURL('/espace');
  });
});

test.describe('changing the password from /espace', () => {
  test('needs the current password and ends the other sessions', async ({ page, browser }, testInfo) => {
    const { identifier } = account(11, testInfo);
    const other = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.251' } });
    const elsewhere = await other.newPage();
    await signIn(elsewhere, identifier, E2E_PASSWORD);
    await signIn(page, identifier, E2E_PASSWORD);
    await expect(page).toHaveURL('/espace');

    // Nothing suggested yet in Mon espace: the button proposes one, then another.
    await page.getByRole('button', { name: 'Proposer un mot de passe', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true })).not.toHaveValue('');
    await expect(page.getByRole('button', { name: 'Proposer un autre mot de passe' })).toBeVisible();

    const current = page.getByLabel('Mot de passe actuel', { exact: false }).first();
    await current.fill('not-the-current-one');
    await page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill('Changement depuis mon espace');
    await page.getByRole('textbox', { name: 'Confirmation du nouveau mot de passe' }).fill('Changement depuis mon espace');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect(page.locator('#change-current-error')).toHaveText('Le mot de passe actuel est incorrect.');

    await current.fill(E2E_PASSWORD);
    await page.getByRole('textbox', { name: 'Nouveau mot de passe', exact: true }).fill('Changement depuis mon espace');
    await page.getByRole('textbox', { name: 'Confirmation du nouveau mot de passe' }).fill('Changement depuis mon espace');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await expect(page.getByText('Votre mot de passe a été modifié.')).toBeVisible();

    await page.goto('/espace');
    await expect(page).toHaveURL('/espace');
    await elsewhere.goto('/espace');
    await expect(elsewhere).toHaveURL(/\/connexion/);
    await other.close();
  });
});
