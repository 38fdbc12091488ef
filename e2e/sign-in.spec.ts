import { DEMO, expect, formAlert, signIn, test } from './helpers/fixtures';

test.describe('signing in', () => {
  test('by licence number with its leading zeros', async ({ page }) => {
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible();
    await expect(page.getByTestId('account-identifier')).toHaveText('00123456');
  });

  test('by licence number without its leading zeros, with spaces', async ({ page }) => {
    await signIn(page, ' 123 456 ', DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    await expect(page.getByTestId('account-identifier')).toHaveText('00123456');
  });

  test('by client code, into "Mon Espace Pro"', async ({ page }) => {
    await signIn(page, DEMO.papeterie.identifier, DEMO.papeterie.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Mon Espace Pro' })).toBeVisible();
    await expect(page.getByText('Papeterie Exemple')).toBeVisible();
  });

  test('by email when the address belongs to one account', async ({ page }) => {
    await signIn(page, 'Marie.Dupont@example.org', DEMO.marie.password);
    await expect(page.getByTestId('account-identifier')).toHaveText('00123456');
  });

  test('by an email shared by several accounts is refused like a wrong password, with help', async ({ page }) => {
    await signIn(page, 'famille.durand@example.org', DEMO.lea.password);
    await expect(formAlert(page)).toContainText('Identifiant ou mot de passe incorrect.');
    await expect(formAlert(page)).toContainText('connectez-vous avec le numéro de licence');
    await signIn(page, DEMO.lea.identifier, DEMO.lea.password);
    await expect(page).toHaveURL('/espace');
  });

  test('with a wrong password: the generic message, the identifier kept, the password cleared', async ({ page }) => {
    await signIn(page, DEMO.tom.identifier, 'not-the-password');
    await expect(formAlert(page)).toContainText('Identifiant ou mot de passe incorrect.');
    await expect(page.getByRole('textbox', { name: 'Identifiant', exact: true })).toHaveValue(DEMO.tom.identifier);
    await expect(page.getByRole('textbox', { name: 'Mot de passe', exact: true })).toHaveValue('');
  });

  test('a pending account is refused with the same message as a wrong password', async ({ page }) => {
    await signIn(page, DEMO.paulPending.identifier, 'any-password-at-all');
    await expect(formAlert(page)).toHaveText(/^Identifiant ou mot de passe incorrect\./);
  });

  test('an identifier in no accepted format gets a field error naming the formats', async ({ page }) => {
    await signIn(page, 'abc', 'whatever-password', { refusedInBrowser: true });
    const field = page.getByRole('textbox', { name: 'Identifiant', exact: true });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#page-identifier-error')).toHaveText(
      'Saisissez un numéro de licence (jusqu’à 8 chiffres), un code client (5 chiffres) ou une adresse e-mail.',
    );
    await expect(page).toHaveURL(/\/connexion/);
  });

  test('a protected page sends to the sign-in page and back', async ({ page }) => {
    await page.goto('/espace');
    await expect(page).toHaveURL('/connexion?callbackUrl=%2Fespace');
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
  });

  for (const target of ['//evil.test', 'https://evil.test/x', '/\\evil.test', '/.//evil.test', '/\t/evil.test', 'javascript:alert(1)']) {
    test(`a foreign callbackUrl (${target}) lands on /espace`, async ({ page }) => {
      await page.goto(`/connexion?callbackUrl=${encodeURIComponent(target)}`);
      await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
      await expect(page).toHaveURL('/espace');
    });
  }

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByText('Vous n’êtes pas connecté.')).toBeVisible();
    await page.goto('/espace');
    await expect(page).toHaveURL(/\/connexion/);
  });

  test('too many failures get a wait in minutes, never the word "locked"', async ({ page }) => {
    const unknown = `0${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    for (let i = 0; i < 5; i += 1) {
      await signIn(page, unknown, `wrong-password-${i}`);
      await expect(formAlert(page)).toContainText('Identifiant ou mot de passe incorrect.');
    }
    await signIn(page, unknown, 'wrong-password-again');
    await expect(formAlert(page)).toContainText('Trop de tentatives. Réessayez dans 1 minute, ou réinitialisez votre mot de passe.');
  });
});

test.describe('remembering the identifier', () => {
  test('ticked: a 30-day session cookie and the identifier pre-filled next time', async ({ page, context }) => {
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password, { remember: true });
    await expect(page).toHaveURL('/espace');
    const session = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    const days = ((session?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.goto('/connexion');
    await expect(page.getByRole('textbox', { name: 'Identifiant', exact: true })).toHaveValue('00123456');
    await expect(page.getByLabel('Mémoriser mes identifiants')).toBeChecked();
  });

  test('not ticked: a browser-session cookie with no expiry, and nothing pre-filled', async ({ page, context }) => {
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    const session = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
    expect(session?.expires).toBe(-1);
    expect(session?.httpOnly).toBe(true);
    // It stays a browser-session cookie on later requests too.
    await page.goto('/');
    await page.goto('/espace');
    const later = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
    expect(later?.expires).toBe(-1);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.goto('/connexion');
    await expect(page.getByRole('textbox', { name: 'Identifiant', exact: true })).toHaveValue('');
  });

  test('the Set-Cookie of a browser session has neither Expires nor Max-Age', async ({ page }) => {
    const setCookies: string[] = [];
    page.on('response', async (response) => {
      for (const header of await response.headersArray()) {
        if (header.name.toLowerCase() === 'set-cookie' && header.value.includes('authjs.session-token')) setCookies.push(header.value);
      }
    });
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    await expect(page).toHaveURL('/espace');
    const last = setCookies.at(-1) ?? '';
    expect(last).toContain('HttpOnly');
    expect(last).not.toMatch(/Expires=|Max-Age=/i);
  });
});

test.describe('sessions the server ends', () => {
  test('ending a session from "Mes sessions ouvertes" signs that browser out at its next request', async ({ browser }, testInfo) => {
    // Each project signs in from its own pair of addresses, which the sessions list shows.
    const n = (testInfo.project.name === 'desktop' ? 0 : 100) + testInfo.repeatEachIndex * 2;
    const [laptopIp, phoneIp] = [`198.51.100.${n + 1}`, `198.51.100.${n + 2}`];
    const laptop = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': laptopIp } });
    const phone = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': phoneIp } });
    const onLaptop = await laptop.newPage();
    const onPhone = await phone.newPage();
    await signIn(onPhone, DEMO.papeterie.identifier, DEMO.papeterie.password);
    await expect(onPhone).toHaveURL('/espace');
    await signIn(onLaptop, DEMO.papeterie.identifier, DEMO.papeterie.password);
    await expect(onLaptop).toHaveURL('/espace');

    const current = onLaptop.getByRole('listitem').filter({ hasText: laptopIp });
    await expect(current.getByText('cette session', { exact: true })).toBeVisible();
    const phoneSession = onLaptop.getByRole('listitem').filter({ hasText: phoneIp });
    await phoneSession.getByRole('button', { name: 'Fermer cette session' }).click();
    await expect(phoneSession).toHaveCount(0);

    await onPhone.goto('/espace');
    await expect(onPhone).toHaveURL(/\/connexion/);
    await onLaptop.goto('/espace');
    await expect(onLaptop).toHaveURL('/espace');
    await onLaptop.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(onLaptop).toHaveURL('/');
    await laptop.close();
    await phone.close();
  });
});
