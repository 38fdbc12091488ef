import { DEMO, expect, formAlert, signIn, test } from './helpers/fixtures';

test.use({ javaScriptEnabled: false });

test.describe('without JavaScript', () => {
  test('signing in on /connexion', async ({ page }) => {
    await signIn(page, '123456', DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    await expect(page.getByTestId('account-identifier')).toHaveText('00123456');
  });

  test('signing in from the home page panel, then out', async ({ page }) => {
    await page.goto('/');
    const panel = page.getByRole('complementary');
    await panel.getByRole('textbox', { name: 'Identifiant', exact: true }).fill(DEMO.papeterie.identifier);
    await panel.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(DEMO.papeterie.password);
    await panel.getByRole('button', { name: 'S’identifier' }).click();
    await expect(page).toHaveURL('/espace');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByText('Vous n’êtes pas connecté.')).toBeVisible();
  });

  test('a wrong password and a malformed identifier get their messages from the server', async ({ page }) => {
    await signIn(page, DEMO.lea.identifier, 'not-the-password');
    await expect(formAlert(page)).toContainText('Identifiant ou mot de passe incorrect.');
    await signIn(page, '12ab', 'whatever');
    await expect(page.locator('#page-identifier-error')).toContainText('Saisissez un numéro de licence');
  });

  test('switching the language', async ({ page }) => {
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page).toHaveURL('/connexion');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
