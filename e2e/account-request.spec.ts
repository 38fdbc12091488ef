import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './helpers/fixtures';
import { emailContaining, inbox, nextEmail } from './helpers/mailbox';

async function fillRequest(page: Page, email: string) {
  await page.getByRole('textbox', { name: 'Nom et prénom' }).fill('Jeanne <b>Martin</b>');
  await page.getByRole('textbox', { name: 'Club ou société' }).fill('Club de Test');
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
  await page.getByRole('textbox', { name: 'Votre message' }).fill('Bonjour,\nje n’arrive pas à trouver mon numéro de licence.');
}

test.describe('account-opening request', () => {
  test('linked from the panel, sent, acknowledged, and notified to customer service', async ({ page }, testInfo) => {
    const email = `demande-${testInfo.project.name}@example.test`;
    await page.goto('/');
    await page.getByRole('complementary').getByRole('link', { name: 'Demander une ouverture de compte' }).click();
    await expect(page).toHaveURL('/ouverture-de-compte');
    await expectNoAxeViolations(page);

    await fillRequest(page, email);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.locator('#opening-consent-error')).toHaveText('Cochez cette case pour que nous puissions vous répondre.');
    await expectNoAxeViolations(page);

    await page.getByLabel('J’accepte que le service client').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.getByText('Notre service client reviendra vers vous dans les plus brefs délais.')).toBeVisible();

    const ack = await nextEmail(email, 0);
    expect(ack.subject).toContain('Votre demande d’ouverture de compte');
    // Whoever typed the address chose nothing of what it receives: a fixed text and a reference.
    for (const typed of ['Jeanne', 'Martin', 'Club de Test', 'numéro de licence']) {
      expect(ack.html).not.toContain(typed);
      expect(ack.text).not.toContain(typed);
    }
    const reference = /Référence de votre demande : (DEM-[0-9A-F]{8})/.exec(ack.text)?.[1];
    expect(reference).toBeTruthy();
    // Other tests write to customer service too: this request's notification is the one naming its email.
    const notification = await emailContaining('support@example.org', email);
    expect(notification.text).toContain('Club de Test');
    expect(notification.text).toContain(`Référence : ${reference}`);
    expect(notification.html).toContain('Jeanne &lt;b&gt;Martin&lt;/b&gt;');
    expect(notification.text).toMatch(/\/admin\/demandes\/[0-9a-f-]{36}/);
  });

  test('one address gets at most 3 acknowledgements a day; customer service hears of every request', async ({ page }, testInfo) => {
    const email = `plafond-${testInfo.project.name}@example.test`;
    for (let n = 1; n <= 4; n += 1) {
      await page.goto('/ouverture-de-compte');
      await fillRequest(page, email);
      await page.getByRole('textbox', { name: 'Votre message' }).fill(`Demande numéro ${n} pour ${email}`);
      await page.getByLabel('J’accepte que le service client').check();
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      // The same answer every time.
      await expect(page.getByText('Notre service client reviendra vers vous dans les plus brefs délais.')).toBeVisible();
    }
    const fourth = await emailContaining('support@example.org', `Demande numéro 4 pour ${email}`);
    expect(fourth.text).toContain('Aucun accusé de réception n’a été envoyé à cette adresse');
    await nextEmail(email, 2);
    expect(await inbox(email)).toHaveLength(3);
  });

  test('the same answer for someone who already has an account', async ({ page }) => {
    await page.goto('/ouverture-de-compte');
    await page.getByRole('textbox', { name: 'Nom et prénom' }).fill('Marie Dupont');
    await page.getByRole('textbox', { name: 'Numéro de licence ou code client' }).fill('123456');
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('marie.dupont@example.org');
    await page.getByRole('textbox', { name: 'Votre message' }).fill('Je voudrais un compte.');
    await page.getByLabel('J’accepte que le service client').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.getByText('Merci, votre demande est bien envoyée.')).toBeVisible();
  });

  test('field errors for a bad email, phone and identifier', async ({ page }) => {
    await page.goto('/ouverture-de-compte');
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('pas-une-adresse');
    await page.getByRole('textbox', { name: 'Téléphone' }).fill('appelez-moi');
    await page.getByRole('textbox', { name: 'Numéro de licence ou code client' }).fill('ABC');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.locator('#opening-name-error')).toHaveText('Ce champ est obligatoire.');
    await expect(page.locator('#opening-email-error')).toContainText('adresse e-mail valide');
    await expect(page.locator('#opening-phone-error')).toContainText('numéro de téléphone');
    await expect(page.locator('#opening-identifier-error')).toContainText('numéro de licence');
  });
});

test.describe('account-opening request without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('errors come back from the server with what was typed, then the request goes through', async ({ page }, testInfo) => {
    const email = `demande-nojs-${testInfo.project.name}@example.test`;
    await page.goto('/ouverture-de-compte');
    await fillRequest(page, email);
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.locator('#opening-consent-error')).toHaveText('Cochez cette case pour que nous puissions vous répondre.');
    await expect(page.getByRole('textbox', { name: 'Adresse e-mail' })).toHaveValue(email);
    await page.getByLabel('J’accepte que le service client').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.getByText('Notre service client reviendra vers vous dans les plus brefs délais.')).toBeVisible();
    await nextEmail(email, 0);
  });
});
