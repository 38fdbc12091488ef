import { DEMO, expect, expectNoAxeViolations, signIn, test } from './helpers/fixtures';
import { screenshot } from './helpers/screenshots';
import { signInAsAdmin } from './helpers/second-factor';

/** /admin/envois: failed emails with their reason, for staff only; axe-clean, without scripts too. */
test('staff see the email queue and its failures at /admin/envois', async ({ page }, testInfo) => {
  await page.goto('/admin/envois');
  await expect(page).toHaveURL('/connexion?callbackUrl=%2Fadmin%2Fenvois');
  await signInAsAdmin(page, testInfo);
  await expect(page).toHaveURL('/admin/envois');
  await expect(page.getByRole('heading', { name: 'Envois d’e-mails', level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'En attente d’envoi' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/admin');
  await expect(page.getByRole('link', { name: /Envois d’e-mails en échec : \d+/ })).toHaveAttribute('href', '/admin/envois');
  await page.goto('/admin/envois');

  await screenshot(page, 'admin-envois', testInfo);
});

test('a member gets the ordinary 404 there', async ({ page }) => {
  await signIn(page, DEMO.papeterie.identifier, DEMO.papeterie.password, { path: '/connexion' });
  const response = await page.goto('/admin/envois');
  expect(response?.status()).toBe(404);
});
