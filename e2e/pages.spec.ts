import { DEMO, expect, expectNoAxeViolations, signIn, test } from './helpers/fixtures';

test.describe('pages', () => {
  test('the auth panel is on the right on a PC and below the content on a phone', async ({ page }, testInfo) => {
    await page.goto('/');
    const content = await page.locator('.home__content').boundingBox();
    const panel = await page.getByRole('complementary').boundingBox();
    expect(content && panel).toBeTruthy();
    if (testInfo.project.name === 'desktop') {
      expect(panel!.x).toBeGreaterThan(content!.x + content!.width - 1);
      expect(Math.abs(panel!.y - content!.y)).toBeLessThan(5);
    } else {
      expect(panel!.y).toBeGreaterThanOrEqual(content!.y + content!.height);
      expect(panel!.width).toBeGreaterThan(300);
    }
    await expect(page.getByRole('complementary').getByText('Vous n’êtes pas connecté.')).toBeVisible();
  });

  test('the panel greets a signed-in person and links to their space', async ({ page }) => {
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    await page.goto('/');
    const panel = page.getByRole('complementary');
    await expect(panel.getByText('Bonjour Marie Dupont')).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Accéder à mon espace' })).toHaveAttribute('href', '/espace');
    await expect(panel.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  });

  test('/api/health answers ok', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('English is served to an English browser', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/connexion');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Already registered?' })).toBeVisible();
    await context.close();
  });

  test('an unknown page gets a friendly 404', async ({ page }) => {
    const response = await page.goto('/nulle-part');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  });
});

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  for (const path of ['/', '/connexion', '/nulle-part']) {
    test(`${path} signed out`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  test('/connexion showing errors', async ({ page }) => {
    await signIn(page, 'abc', '', { refusedInBrowser: true });
    await expect(page.getByRole('textbox', { name: 'Identifiant', exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await signIn(page, DEMO.tom.identifier, 'wrong-password');
    await expect(page.locator('.alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('/espace and the home page signed in', async ({ page }) => {
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    await expectNoAxeViolations(page);
    await page.goto('/');
    await expectNoAxeViolations(page);
  });

  test('signing in with the keyboard alone', async ({ page }) => {
    await page.goto('/connexion');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
    await page.getByRole('textbox', { name: 'Identifiant', exact: true }).focus();
    await page.keyboard.type(DEMO.marie.identifier);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO.marie.password);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/espace');
  });
});
