import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { emailContaining, nextEmail } from './mailbox';

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
    expect(ack.html).toContain('Jeanne &lt;b&gt;Martin&lt;/b&gt;');
    // Other tests write to customer service too: this request's notification is the one naming its email.
    const notification = await emailContaining('support@example.org', email);
    expect(notification.text).toContain('Club de Test');
    expect(notification.text).toMatch(/\/admin\/demandes\/[0-9a-f-]{36}/);
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
