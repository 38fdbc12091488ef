import { expect, type Page } from '@playwright/test';
import { RESET_ANSWER } from './fixtures';
import { inbox, linksIn, nextEmail } from './mailbox';

/** The reset and first-connection steps a person takes, shared by the specs that need a link. */

export async function requestReset(page: Page, fields: { identifier?: string; email?: string }) {
  await page.goto('/mot-de-passe-oublie');
  if (fields.identifier !== undefined) await page.getByRole('textbox', { name: 'Identifiant', exact: true }).fill(fields.identifier);
  if (fields.email !== undefined) await page.getByRole('textbox', { name: 'Email', exact: true }).fill(fields.email);
  await page.getByRole('button', { name: 'Réinitialiser mot de passe' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Si ces informations' })).toHaveText(RESET_ANSWER);
}

export async function linkFor(page: Page, address: string, fields: { identifier?: string; email?: string }) {
  const before = (await inbox(address)).length;
  await requestReset(page, fields);
  const email = await nextEmail(address, before);
  const [link] = linksIn(email);
  expect(link).toBeTruthy();
  return { email, link };
}

export async function choosePassword(page: Page, password?: string) {
  if (password !== undefined) {
    await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
    await page.getByRole('textbox', { name: 'Confirmation mot de passe' }).fill(password);
  }
  await page.getByRole('button', { name: 'Valider' }).click();
}
