import type { Page } from '@playwright/test';
import { account } from './helpers/accounts';
import { DEMO, expect, expectNoAxeViolations, formAlert, signIn, test } from './helpers/fixtures';
import { inbox, nextEmail } from './helpers/mailbox';
import { screenshot } from './helpers/screenshots';
import { adminRecoveryCode, enterCode, TestAuthenticator } from './helpers/second-factor';

/** Reads the secret the enrolment page shows as text, as a person types it into an app. */
async function secretOnPage(page: Page): Promise<string> {
  return ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
}

/** "Afficher le QR code" on the enrolment page: members give their password again, staff signing in do not. */
async function startEnrolment(page: Page, password?: string): Promise<void> {
  if (password !== undefined) await page.getByLabel('Mot de passe actuel').fill(password);
  await page.getByRole('button', { name: 'Afficher le QR code' }).click();
  await expect(page.getByTestId('totp-secret')).toBeVisible();
}

/** The "turn it off" part of /espace, apart from "new recovery codes" which asks the same question. */
const turnOff = (page: Page) => page.locator('details').filter({ has: page.getByText('Désactiver la vérification en deux étapes', { exact: true }) });

async function confirmEnrolment(page: Page, code: string): Promise<string[]> {
  await page.getByRole('textbox', { name: 'Code de vérification' }).fill(code);
  await page.getByRole('button', { name: 'Activer' }).click();
  const list = page.getByTestId('recovery-codes');
  await expect(list.getByRole('listitem')).toHaveCount(10);
  return (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
}

test.describe('authenticator app', () => {
  test('a member turns it on, signs in with codes, a recovery code, and turns it off', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const holder = account(25, testInfo);
    await signIn(page, holder.identifier, holder.password);
    await expect(page).toHaveURL('/espace');
    await expect(page.getByTestId('totp-status')).toHaveText('Désactivée : votre mot de passe suffit pour vous connecter.');
    await page.getByRole('link', { name: 'Activer la vérification en deux étapes' }).click();
    await expect(page).toHaveURL('/espace/double-authentification');
    // No secret before the password again; a wrong one shows none either.
    await expect(page.getByTestId('totp-secret')).toHaveCount(0);
    await screenshot(page, 'enrol-start', testInfo);
    await page.getByLabel('Mot de passe actuel').fill('pas le bon');
    await page.getByRole('button', { name: 'Afficher le QR code' }).click();
    await expect(formAlert(page)).toHaveText('Mot de passe incorrect.');
    await expect(page.getByTestId('totp-secret')).toHaveCount(0);
    await startEnrolment(page, holder.password);
    await expect(page).toHaveURL('/espace/double-authentification');
    await expect(page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'enrol', testInfo);

    const app = new TestAuthenticator(await secretOnPage(page));
    // On the phone that has the app, the same secret through an otpauth:// link.
    const sameDevice = page.getByRole('link', { name: 'Vous lisez cette page sur le téléphone qui a l’application ? Ajoutez le compte directement' });
    await expect(sameDevice).toHaveAttribute('href', new RegExp(`^otpauth://totp/[^?]+\\?(.+&)?secret=${app.secret}(&|$)`));
    // A wrong first code changes nothing.
    await page.getByRole('textbox', { name: 'Code de vérification' }).fill(app.wrong());
    await page.getByRole('button', { name: 'Activer' }).click();
    await expect(formAlert(page)).toContainText('Ce code est incorrect.');
    const recovery = await confirmEnrolment(page, app.code());
    await expectNoAxeViolations(page);
    await screenshot(page, 'recovery-codes', testInfo);
    await page.getByRole('link', { name: 'J’ai noté mes codes, continuer' }).click();
    await expect(page).toHaveURL('/espace');
    await expect(page.getByTestId('totp-status')).toContainText('Application d’authentification, activée le');
    await expect(page.getByTestId('recovery-codes-left')).toHaveText('10 codes de secours restants.');

    // Next sign-in: the password, then the code; /espace stays closed in between.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await signIn(page, holder.identifier, holder.password);
    await expect(page).toHaveURL('/connexion/code?callbackUrl=%2Fespace');
    await expectNoAxeViolations(page);
    await screenshot(page, 'code', testInfo);
    await page.goto('/espace');
    await expect(page).toHaveURL('/connexion/code?callbackUrl=%2Fespace');
    await enterCode(page, '12345');
    await expect(formAlert(page)).toHaveText('Ce code est incorrect. Vérifiez que l’heure de votre téléphone est juste et saisissez le code affiché maintenant.');
    const code = app.code();
    await enterCode(page, code);
    await expect(page).toHaveURL('/espace');
    // The header knows it too, without a reload.
    await expect(page.locator('.site-header').getByRole('link', { name: 'Mon espace' })).toBeVisible();

    // The same code again, in another sign-in: refused as used, nothing opened.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await signIn(page, holder.identifier, holder.password);
    await enterCode(page, code);
    await expect(formAlert(page)).toContainText('Ce code a déjà été utilisé.');
    await expect(page).toHaveURL(/\/connexion\/code/);
    // A recovery code, typed in lower case.
    await enterCode(page, recovery[0].toLowerCase());
    await expect(page).toHaveURL('/espace');
    await expect(page.getByTestId('recovery-codes-left')).toHaveText('9 codes de secours restants.');
    await screenshot(page, 'espace-second-factor', testInfo);

    // Turning it off asks the password again.
    const disable = turnOff(page);
    await disable.getByText('Désactiver la vérification en deux étapes').click();
    await disable.getByLabel('Mot de passe actuel ou code de l’application').fill('pas le bon');
    await disable.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await expect(formAlert(page)).toHaveText('Mot de passe ou code incorrect.');
    await turnOff(page).getByLabel('Mot de passe actuel ou code de l’application').fill(holder.password);
    await turnOff(page).getByRole('button', { name: 'Désactiver', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'La vérification en deux étapes est désactivée.' })).toBeVisible();
    await expect(page.getByTestId('totp-status')).toHaveText('Désactivée : votre mot de passe suffit pour vous connecter.');
  });

  test('customer service removes a member’s app; the member is told by email', async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const holder = account(27, testInfo);
    const member = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${testInfo.project.name === 'desktop' ? 40 : 41}` } });
    const memberPage = await member.newPage();
    await signIn(memberPage, holder.identifier, holder.password);
    await memberPage.goto('/espace/double-authentification');
    await startEnrolment(memberPage, holder.password);
    await confirmEnrolment(memberPage, new TestAuthenticator(await secretOnPage(memberPage)).code());
    await member.close();

    await page.goto('/admin');
    await signIn(page, DEMO.admin.identifier, DEMO.admin.password);
    await enterCode(page, adminRecoveryCode(6, testInfo));
    await expect(page).toHaveURL('/admin');
    await page.goto(`/admin?q=${holder.identifier}`);
    await page.getByRole('table', { name: /Comptes correspondant/ }).getByRole('link', { name: holder.identifier }).click();
    const panel = page.getByRole('region', { name: 'Vérification en deux étapes' });
    await expect(panel.getByTestId('staff-totp')).toContainText('Application d’authentification activée le');
    const before = (await inbox(holder.email)).length;
    // The admin's own password first: a wrong one removes nothing.
    const confirm = panel.getByLabel('Votre mot de passe ou un code de votre application');
    await confirm.fill('pas le bon');
    await panel.getByRole('button', { name: 'Retirer l’application d’authentification' }).click();
    await expect(panel.getByRole('alert')).toHaveText('Mot de passe ou code incorrect.');
    await expect(panel.getByTestId('staff-totp')).toContainText('Application d’authentification activée le');
    await screenshot(page, 'admin-remove-app', testInfo);
    await confirm.fill(DEMO.admin.password);
    await panel.getByRole('button', { name: 'Retirer l’application d’authentification' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'L’application d’authentification a été retirée' })).toBeVisible();
    await expect(page.getByTestId('staff-totp')).toHaveText('Aucune deuxième étape.');
    await expect(page.getByRole('table', { name: /derniers événements/ })).toContainText('Deuxième étape retirée');
    await expectNoAxeViolations(page);
    expect((await nextEmail(holder.email, before)).subject).toBe('La vérification en deux étapes de votre compte a été retirée');
  });
});

test.describe('the admin gate, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('staff without a factor enrol right after the password; /admin stays closed until then', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const staff = account(26, testInfo);
    await page.goto('/admin');
    await signIn(page, staff.identifier, staff.password);
    await expect(page).toHaveURL('/espace/double-authentification?callbackUrl=%2Fadmin');
    await expect(page.getByText('Les comptes du service client sont protégés')).toBeVisible();
    for (const closed of ['/admin', '/espace']) {
      await page.goto(closed);
      await expect(page).toHaveURL(`/espace/double-authentification?callbackUrl=${encodeURIComponent(closed)}`);
    }
    await page.goto('/espace/double-authentification?callbackUrl=%2Fadmin');
    // Staff just typed their password: the button alone shows the secret.
    await startEnrolment(page);
    await expect(page).toHaveURL('/espace/double-authentification?callbackUrl=%2Fadmin');
    const app = new TestAuthenticator(await secretOnPage(page));
    await confirmEnrolment(page, app.code());
    await page.getByRole('link', { name: 'J’ai noté mes codes, continuer' }).click();
    await expect(page).toHaveURL('/admin');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');

    // Staff cannot turn off their only factor.
    await page.goto('/espace');
    await turnOff(page).getByText('Désactiver la vérification en deux étapes').click();
    await turnOff(page).getByLabel('Mot de passe actuel ou code de l’application').fill(staff.password);
    await turnOff(page).getByRole('button', { name: 'Désactiver', exact: true }).click();
    await expect(formAlert(page)).toHaveText('Un compte du service client garde toujours une deuxième étape : ajoutez d’abord une clé d’accès.');

    // The next sign-in asks for the code before /admin.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.goto('/admin');
    await signIn(page, staff.identifier, staff.password);
    await expect(page).toHaveURL('/connexion/code?callbackUrl=%2Fadmin');
    await enterCode(page, app.code());
    await expect(page).toHaveURL('/admin');
  });
});
