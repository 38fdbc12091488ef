import type { Browser, Page, TestInfo } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, signIn, test } from './helpers/fixtures';
import { account } from './helpers/accounts';
import { inbox, linksIn, nextEmail } from './helpers/mailbox';
import { screenshot } from './helpers/screenshots';
import { adminRecoveryCode, enterCode } from './helpers/second-factor';

/** The password, then the second step with this test's own recovery code (see e2e/helpers/second-factor.ts). */
async function signInAsAdmin(page: Page, slot: number, testInfo: TestInfo, path = '/admin') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
  await signIn(page, DEMO.admin.identifier, DEMO.admin.password);
  await enterCode(page, adminRecoveryCode(slot, testInfo));
  await expect(page).toHaveURL(path);
}

/** A second person on another browser, from another address. */
async function otherBrowser(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${testInfo.project.name === 'desktop' ? 10 : 11}` } });
  return { context, page: await context.newPage() };
}

test.describe('admin pages', () => {
  test('a member gets the ordinary 404 page; a signed-out visitor is asked to sign in', async ({ page }) => {
    await page.goto('/admin/comptes/nouveau');
    await expect(page).toHaveURL('/connexion?callbackUrl=%2Fadmin%2Fcomptes%2Fnouveau');
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
  });

  test('a request becomes an account whose holder sets a password and signs in', async ({ page, browser }, testInfo) => {
    // Two people, three emails and two password hashes: three times the default time.
    test.slow();
    const p = testInfo.project.name === 'desktop' ? 0 : 1;
    const identifier = `0088${p}001`;
    const address = `nouveau-${testInfo.project.name}@example.test`;
    const name = `Camille Request ${testInfo.project.name}`;

    // Someone without an account asks for one.
    const requester = await otherBrowser(browser, testInfo);
    await requester.page.goto('/ouverture-de-compte');
    await requester.page.getByRole('textbox', { name: 'Nom et prénom' }).fill(name);
    await requester.page.getByRole('textbox', { name: 'Numéro de licence ou code client' }).fill(identifier.replace(/^0+/, ''));
    await requester.page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
    await requester.page.getByRole('textbox', { name: 'Votre message' }).fill('Bonjour,\nmerci de créer mon compte.');
    await requester.page.getByLabel('J’accepte que le service client').check();
    await requester.page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(requester.page.getByText('Merci, votre demande est bien envoyée.')).toBeVisible();
    await nextEmail(address, 0);

    // Customer service finds it in the queue.
    await signInAsAdmin(page, 1, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
    await expectNoAxeViolations(page);
    await page.getByRole('table', { name: /Demandes d’ouverture de compte/ }).getByRole('link', { name }).click();
    await expect(page).toHaveURL(/\/admin\/demandes\/[0-9a-f-]{36}$/);
    await expect(page.getByText('merci de créer mon compte.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Identifiant' })).toHaveValue(identifier);
    await expect(page.getByRole('textbox', { name: 'Adresse e-mail' })).toHaveValue(address);
    await expectNoAxeViolations(page);

    const before = (await inbox(address)).length;
    await page.getByRole('button', { name: 'Créer le compte et envoyer l’e-mail de première connexion' }).click();
    await expect(page).toHaveURL(/\/admin\/comptes\/[0-9a-f-]{36}\?ok=fromRequest$/);
    await expect(page.getByRole('status').filter({ hasText: 'demande marquée traitée' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compte ${identifier}`);
    await expect(page.getByTestId('account-status')).toHaveText('En attente d’activation');
    await expect(page.getByRole('table', { name: /derniers événements/ })).toContainText('Compte créé par le service client');
    await expectNoAxeViolations(page);

    // The holder gets the first-connection email, chooses a password and signs in.
    const email = await nextEmail(address, before);
    expect(email.subject).toContain('Activez votre compte');
    const [link] = linksIn(email);
    await requester.page.goto(link);
    await expect(requester.page).toHaveURL('/reinitialisation');
    await requester.page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('Un sésame tout neuf pour 2026');
    await requester.page.getByRole('textbox', { name: 'Confirmation mot de passe' }).fill('Un sésame tout neuf pour 2026');
    await requester.page.getByRole('button', { name: 'Valider' }).click();
    await expect(requester.page).toHaveURL(`/reinitialisation/termine?identifiant=${identifier}`);
    await signIn(requester.page, identifier, 'Un sésame tout neuf pour 2026', { path: '/connexion' });
    await expect(requester.page).toHaveURL('/espace');
    await requester.context.close();

    // The request is done and linked; the identifier cannot be used twice.
    await page.goto('/admin?statut=done');
    await page.getByRole('table', { name: /Traitée/ }).getByRole('link', { name }).click();
    await expect(page.getByRole('link', { name: `Voir le compte ${identifier}` })).toBeVisible();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Créer un compte' }).click();
    await expect(page).toHaveURL('/admin/comptes/nouveau');
    await page.getByRole('textbox', { name: 'Identifiant' }).fill(identifier);
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('autre@example.test');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.locator('#account-identifier-error')).toHaveText('Un compte existe déjà avec cet identifiant.');
    await page.getByRole('link', { name: 'Ouvrir ce compte' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compte ${identifier}`);
    await expect(page.getByTestId('account-status')).toHaveText('Actif');
  });

  test('disabling an account ends its open session; enabling lets it back in', async ({ page, browser }, testInfo) => {
    const holder = account(15, testInfo);
    const other = await otherBrowser(browser, testInfo);
    await signIn(other.page, holder.identifier, holder.password);
    await expect(other.page).toHaveURL('/espace');

    await signInAsAdmin(page, 2, testInfo);
    await page.getByRole('searchbox', { name: 'Identifiant, adresse e-mail ou nom' }).fill(holder.identifier.replace(/^0+/, ''));
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(`/admin?q=${holder.identifier.replace(/^0+/, '')}`);
    await page.getByRole('table', { name: /Comptes correspondant/ }).getByRole('link', { name: holder.identifier }).click();
    await expect(page.getByTestId('open-sessions')).toHaveText('1');

    await page.getByRole('button', { name: 'Désactiver le compte' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Le compte est désactivé' })).toBeVisible();
    await expect(page.getByTestId('account-status')).toHaveText('Désactivé');
    await expect(page.getByTestId('open-sessions')).toHaveText('0');
    await expectNoAxeViolations(page);

    await other.page.goto('/espace');
    await expect(other.page).toHaveURL('/connexion?callbackUrl=%2Fespace');

    await page.getByRole('button', { name: 'Réactiver le compte' }).click();
    await expect(page.getByTestId('account-status')).toHaveText('Actif');
    await signIn(other.page, holder.identifier, holder.password);
    await expect(other.page).toHaveURL('/espace');
    await other.context.close();
  });

  test('an admin account page cannot disable itself; create form errors; axe on every page', async ({ page }, testInfo) => {
    await signInAsAdmin(page, 3, testInfo, '/admin/comptes/nouveau');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un compte');
    await page.getByRole('combobox', { name: 'Type d’identifiant' }).selectOption('client');
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('1234');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.locator('#account-identifier-error')).toHaveText('Saisissez un code client de 5 chiffres.');
    await expect(page.locator('#account-email-error')).toHaveText('Ce champ est obligatoire.');
    await expectNoAxeViolations(page);

    await page.goto(`/admin?q=${DEMO.admin.identifier}`);
    await page.getByRole('link', { name: DEMO.admin.identifier }).click();
    await expect(page.getByText('Vous ne pouvez pas désactiver votre propre compte.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Désactiver le compte' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Applications utilisées' })).toBeVisible();

    // The apps that sign in with Sésame (OpenID Connect), as operators registered them.
    await page.goto('/admin');
    const apps = page.getByRole('region', { name: 'Applications connectées à Sésame' });
    await expect(apps.getByRole('rowheader', { name: 'Boutique du club' })).toBeVisible();
    await expect(apps.getByRole('row', { name: /Boutique du club/ })).toContainText('e2e-boutique-du-club');
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-dashboard', testInfo);

    const response = await page.goto('/admin/comptes/pas-un-uuid');
    expect(response?.status()).toBe(404);
    expect((await page.goto('/admin/demandes/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404);
  });
});

test.describe('admin pages without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('create an account with a first-connection email, edit it, send a link, clear blocks', async ({ page }, testInfo) => {
    const p = testInfo.project.name === 'desktop' ? 0 : 1;
    const identifier = `0088${p}002`;
    const address = `nojs-${testInfo.project.name}@example.test`;
    await signInAsAdmin(page, 4, testInfo, '/admin/comptes/nouveau');
    await page.getByRole('textbox', { name: 'Identifiant' }).fill('88 ' + identifier.slice(4));
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.locator('#account-email-error')).toContainText('adresse e-mail valide');
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
    await page.getByRole('textbox', { name: 'Nom' }).fill('Sans Script');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'l’e-mail de première connexion envoyé' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Compte ${identifier}`);
    expect((await nextEmail(address, 0)).subject).toContain('Activez votre compte');

    await page.getByRole('textbox', { name: 'Nom' }).fill('Sans Script Corrigé');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Les modifications ont été enregistrées.' })).toBeVisible();
    await expect(page.getByText('Sans Script Corrigé')).toBeVisible();

    await page.getByRole('button', { name: 'Envoyer le lien de première connexion' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Le lien a été envoyé.' })).toBeVisible();
    await nextEmail(address, 1);
    await page.getByRole('button', { name: 'Effacer les blocages de connexion' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Les blocages de connexion ont été effacés.' })).toBeVisible();
    await expect(page.getByRole('table', { name: /derniers événements/ })).toContainText('Blocages de connexion effacés');
  });
});
