import type { CDPSession, Page } from '@playwright/test';
import { account } from './helpers/accounts';
import { expect, expectNoAxeViolations, formAlert, signIn, test } from './helpers/fixtures';
import { screenshot } from './helpers/screenshots';
import { TestAuthenticator } from './helpers/second-factor';
import { startServer, type ServerProcess } from './helpers/server-process';

/**
 * Passkeys through Chromium's virtual authenticator (the DevTools WebAuthn domain). Browsers refuse
 * WebAuthn on an IP address, so these tests run against a server of their own at
 * http://localhost:PORT, with APP_URL saying so (the relying party comes from APP_URL).
 */
const base = Number(process.env.E2E_PORT ?? 3100);
let server: ServerProcess | undefined;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  const port = base + 30 + (testInfo.project.name === 'phone' ? 1 : 0);
  server = await startServer(port, { APP_URL: `http://localhost:${port}` });
});
test.afterAll(async () => {
  server?.kill('SIGTERM');
  await server?.exited;
});

const url = (path: string) => `${server!.url.replace('127.0.0.1', 'localhost')}${path}`;

/**
 * Chromium's virtual authenticator. With presence simulated it answers every request at once,
 * the sign-in pages' autofill request (conditional mediation) included; `present(false)` makes it
 * wait, as a person who has not touched anything yet.
 */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; present: (on: boolean) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  const present = async (enabled: boolean) => {
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
  };
  return { cdp, present };
}

/** Signed out, once the server has said so (the next page must not race the sign-out). */
async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0);
}

/**
 * Adds a passkey from /espace (the password asked again), then signs out with the authenticator
 * held back: the home page the sign-out lands on asks for a passkey too, and would sign in again.
 */
async function addPasskeyAndSignOut(page: Page, authenticator: Awaited<ReturnType<typeof virtualAuthenticator>>, password: string) {
  const card = page.getByRole('region', { name: 'Clés d’accès' });
  await card.getByLabel('Mot de passe actuel ou code de l’application').fill(password);
  await card.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
  await expect(card.getByTestId('passkey')).toHaveCount(1);
  await authenticator.present(false);
  await signOut(page);
}

const passkeyButton = (page: Page) => page.getByRole('button', { name: 'Se connecter avec une clé d’accès' });

test('a member adds a passkey, signs in with it, and a removed passkey is refused', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const holder = account(28, testInfo);
  const authenticator = await virtualAuthenticator(page);

  await signIn(page, holder.identifier, holder.password, { path: url('/connexion') });
  await expect(page).toHaveURL(url('/espace'));
  const card = page.getByRole('region', { name: 'Clés d’accès' });
  await expect(card.getByTestId('passkeys-none')).toBeVisible();
  // Asked the password again: a wrong one adds nothing.
  await card.getByLabel('Nom de la clé').fill('Téléphone de test');
  await card.getByLabel('Mot de passe actuel ou code de l’application').fill('pas le bon');
  await card.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
  await expect(formAlert(page)).toHaveText('Mot de passe ou code incorrect.');
  await card.getByLabel('Mot de passe actuel ou code de l’application').fill(holder.password);
  await card.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
  await expect(card.getByTestId('passkey')).toHaveCount(1);
  await expect(card.getByTestId('passkey')).toContainText('Téléphone de test');
  await expect(card.getByTestId('passkey')).toContainText('jamais utilisée');
  await expectNoAxeViolations(page);
  await screenshot(page, 'espace-passkeys', testInfo);

  // Signed out, the sign-in page's autofill request offers the passkey; the authenticator answers
  // at once, and the person is in without typing anything. (Held back until then: the home page
  // the sign-out lands on has the same autofill request.)
  await authenticator.present(false);
  await signOut(page);
  await page.goto(url('/connexion'));
  await expect(passkeyButton(page)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshot(page, 'sign-in-passkey', testInfo);
  await authenticator.present(true);
  await page.reload();
  await expect(page).toHaveURL(url('/espace'));
  await expect(page.getByRole('region', { name: 'Clés d’accès' }).getByTestId('passkey')).toContainText('dernière utilisation le');

  // The home page's panel: its button, in a browser without autofill for passkeys (then only the
  // button asks the authenticator, as from here to the end of this test). Held back while signing
  // out, or the page the sign-out lands on would sign in again by autofill.
  await authenticator.present(false);
  await signOut(page);
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
  await page.goto(url('/'));
  await authenticator.present(true);
  await passkeyButton(page).click();
  await expect(page).toHaveURL(url('/espace'));

  // Renamed, then removed (the password again); the authenticator still holds it, the server no longer.
  const item = page.getByTestId('passkey');
  await item.getByText('Renommer « Téléphone de test »').click();
  await item.getByLabel('Nom de la clé').fill('Vieux téléphone');
  await item.getByRole('button', { name: 'Renommer' }).click();
  await expect(page.getByTestId('passkey')).toContainText('Vieux téléphone');
  await page.getByTestId('passkey').getByText('Retirer « Vieux téléphone »').click();
  await page.getByTestId('passkey').getByLabel('Mot de passe actuel ou code de l’application').fill(holder.password);
  await page.getByTestId('passkey').getByRole('button', { name: 'Retirer la clé' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La clé d’accès est retirée.' })).toBeVisible();
  await expect(page.getByTestId('passkeys-none')).toBeVisible();

  await signOut(page);
  await page.goto(url('/connexion'));
  await passkeyButton(page).click();
  await expect(formAlert(page)).toHaveText('Cette clé d’accès n’est pas (ou plus) enregistrée pour ce site. Connectez-vous avec votre mot de passe.');
  await expect(page).toHaveURL(url('/connexion'));
  await expectNoAxeViolations(page);
});

test('an answer sent a second time finds its challenge used', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const holder = account(29, testInfo);
  const authenticator = await virtualAuthenticator(page);
  await signIn(page, holder.identifier, holder.password, { path: url('/connexion') });
  await addPasskeyAndSignOut(page, authenticator, holder.password);
  await page.goto(url('/connexion'));

  // The autofill request signs in by itself (the authenticator answers at once).
  const finish = page.waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes('public-key'));
  await authenticator.present(true);
  await page.reload();
  const sent = await finish;
  await expect(page).toHaveURL(url('/espace'));
  // The same request again, with the browser's cookies: the challenge it answers is spent.
  const keep = /^(next-.*|cookie|content-type|origin|accept|x-forwarded-for)$/;
  const headers = Object.fromEntries(Object.entries(await sent.allHeaders()).filter(([name]) => keep.test(name)));
  const replay = await page.request.fetch(sent.url(), { method: 'POST', headers, data: sent.postDataBuffer() ?? undefined, maxRedirects: 0 });
  expect(await replay.text()).toContain('passkeys.errors.expired');
});

test('with an authenticator app too, a passkey serves as the second step after the password', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const holder = account(30, testInfo);
  const authenticator = await virtualAuthenticator(page);
  await signIn(page, holder.identifier, holder.password, { path: url('/connexion') });
  await expect(page).toHaveURL(url('/espace'));

  // The app first, as a person would turn it on, then a passkey.
  await page.goto(url('/espace/double-authentification'));
  await page.getByLabel('Mot de passe actuel').fill(holder.password);
  await page.getByRole('button', { name: 'Afficher le QR code' }).click();
  const app = new TestAuthenticator(((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, ''));
  await page.getByRole('textbox', { name: 'Code de vérification' }).fill(app.code());
  await page.getByRole('button', { name: 'Activer' }).click();
  await page.getByRole('link', { name: 'J’ai noté mes codes, continuer' }).click();
  await addPasskeyAndSignOut(page, authenticator, holder.password);

  // The password, then the code page offers the passkey; it alone finishes the sign-in.
  await signIn(page, holder.identifier, holder.password, { path: url('/connexion') });
  await expect(page).toHaveURL(url('/connexion/code?callbackUrl=%2Fespace'));
  await authenticator.present(true);
  await page.getByRole('button', { name: 'Utiliser une clé d’accès' }).click();
  await expect(page).toHaveURL(url('/espace'));
  await expect(page.locator('.site-header').getByRole('link', { name: 'Mon espace' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Clés d’accès' }).getByTestId('passkey')).toContainText('dernière utilisation le');
});

test('without JavaScript the sign-in page is the password form, as before', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url('/connexion'));
  await expect(page.getByRole('textbox', { name: 'Identifiant', exact: true })).toBeVisible();
  await expect(passkeyButton(page)).toHaveCount(0);
  await context.close();
});
