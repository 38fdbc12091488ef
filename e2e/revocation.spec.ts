import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { linksIn, nextEmail } from './helpers/mailbox';
import { signInAsAdmin } from './helpers/second-factor';

/**
 * A link never outlives the address it was sent to: customer service corrects a mistyped address,
 * and the link the stranger received opens nothing; disabling then enabling an account revives
 * none of its links. Seen by the stranger (the invalid-link page) and by staff (the account's events).
 */
async function adminOnNewAccount(page: Page, identifier: string, address: string, testInfo: TestInfo) {
  await page.goto('/admin/comptes/nouveau');
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
  await signInAsAdmin(page, testInfo);
  await expect(page).toHaveURL('/admin/comptes/nouveau');
  await page.getByRole('textbox', { name: 'Identifiant' }).fill(identifier);
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
  await page.getByRole('textbox', { name: 'Nom' }).fill('Titulaire Révoqué');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compte ${identifier}`);
}

/** Opens a link as whoever received it, on a browser of their own. */
async function opensNothing(browser: Browser, link: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.77' } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Ce lien n’est plus valable' })).toBeVisible();
  await context.close();
}

test('a corrected address revokes the link the mistyped one received', async ({ page, browser }, testInfo) => {
  const p = testInfo.project.name === 'desktop' ? 0 : 1;
  const identifier = `0087${p}001`;
  const mistyped = `inconnu-${testInfo.project.name}@example.test`;
  const corrected = `titulaire-${testInfo.project.name}@example.test`;
  await adminOnNewAccount(page, identifier, mistyped, testInfo);
  const [strangersLink] = linksIn(await nextEmail(mistyped, 0));

  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(corrected);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Les modifications ont été enregistrées.' })).toBeVisible();
  await expect(page.getByRole('table', { name: /derniers événements/ })).toContainText('Liens en cours révoqués');
  await opensNothing(browser, strangersLink);
});

test('disabling then enabling an account revives none of its links', async ({ page, browser }, testInfo) => {
  const p = testInfo.project.name === 'desktop' ? 0 : 1;
  const identifier = `0087${p}002`;
  const address = `suspendu-${testInfo.project.name}@example.test`;
  await adminOnNewAccount(page, identifier, address, testInfo);
  const [link] = linksIn(await nextEmail(address, 0));

  await page.getByRole('button', { name: 'Désactiver le compte' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('Désactivé');
  await page.getByRole('button', { name: 'Réactiver le compte' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('En attente d’activation');
  await opensNothing(browser, link);

  // A link sent now works.
  await page.getByRole('button', { name: 'Envoyer le lien de première connexion' }).click();
  const [fresh] = linksIn(await nextEmail(address, 1));
  await page.goto(fresh);
  await expect(page).toHaveURL('/reinitialisation');
  await expect(page.getByTestId('reset-identifier')).toHaveText(identifier);
});
