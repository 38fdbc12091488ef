import { createHmac, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, signIn, test } from './helpers/fixtures';
import { inbox, nextEmail } from './helpers/mailbox';
import { screenshot } from './helpers/screenshots';
import { signInAsAdmin as passwordAndCode } from './helpers/second-factor';

/** Customer service in /admin: lists and pages, the CSV export, the CSV import, an account's emails and link. */
const WEBHOOK_SECRET = 'whsec_ZTJlLXdlYmhvb2stc2VjcmV0LTAxMjM0NTY3ODk=';

async function signInAsAdmin(page: Page, path: string, testInfo: TestInfo) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=/);
  await passwordAndCode(page, testInfo);
  await expect(page).toHaveURL(path);
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The page never scrolls sideways, at the project's width and at 320 px on the phone; then its screenshot (e2e/helpers/screenshots.ts). */
async function fitsTheScreen(page: Page, name: string, testInfo: TestInfo) {
  expect(await scrollsSideways(page)).toBe(false);
  if (testInfo.project.name === 'phone') {
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.setViewportSize({ width: 390, height: 844 });
  }
  await screenshot(page, `customer-service-${name}`, testInfo);
}

/** A 50 MB CSV file on disk (Playwright takes buffers up to 50 MB only). */
function hugeFile(testInfo: TestInfo): string {
  const path = testInfo.outputPath('enorme.csv');
  writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 'a'));
  return path;
}

const p = (testInfo: TestInfo) => (testInfo.project.name === 'desktop' ? 0 : 1);

function importCsv(testInfo: TestInfo) {
  const n = p(testInfo);
  return [
    'identifier;kind;email;name',
    `77${n}001;licence;cs-${n}-1@example.test;Camille Import ${n}`,
    `0077${n}002;licence;cs-${n}-2@example.test;"=HYPERLINK(""http://x"")"`,
    `0077${n}003;licence;pas-une-adresse;Erreur ${n}`,
    '',
  ].join('\r\n');
}

function signedEvent(type: string, emailId: string, extra: Record<string, unknown> = {}, id = `msg_${randomUUID()}`) {
  const body = JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: emailId, ...extra } });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { data: body, headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` } };
}

test.describe('customer service', () => {
  test('imports a file after its dry run, lists and exports accounts, and follows an account’s emails', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const n = p(testInfo);
    await signInAsAdmin(page, '/admin/comptes/import', testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importer des comptes');
    await expect(page.getByText('Taille maximale : 1 Mo')).toBeVisible();
    await expectNoAxeViolations(page);
    await fitsTheScreen(page, 'import', testInfo);

    // Not a CSV file: a clear message, nothing imported.
    await page.getByLabel('Fichier à importer (.csv)').setInputFiles({ name: 'membres.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK\u0003\u0004rest') });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.locator('.alert[role="alert"]')).toContainText('n’est pas un fichier CSV');

    // The dry run: the command line's report, line by line; nothing written yet.
    await page.getByLabel('Fichier à importer (.csv)').setInputFiles({ name: 'membres.csv', mimeType: 'text/csv', buffer: Buffer.from(importCsv(testInfo)) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page).toHaveURL(/\?apercu=/);
    await expect(page.getByText('Vérification seulement : rien n’a encore été modifié.')).toBeVisible();
    await expect(page.getByTestId('import-counts')).toHaveText('2 à créer, 0 à mettre à jour, 0 inchangés');
    await expect(page.getByTestId('import-errors')).toContainText('ligne 4 : l’adresse e-mail "pas-une-adresse" n’est pas valide');
    await expect(page.getByTestId('import-warnings')).toContainText(`ligne 2 : le numéro de licence "77${n}001" a été complété en "0077${n}001"`);
    await expectNoAxeViolations(page);
    await fitsTheScreen(page, 'import-report', testInfo);
    const before = await page.request.get(`/admin?q=0077${n}001`);
    expect(await before.text()).not.toContain(`Camille Import ${n}`);

    await page.getByRole('button', { name: 'Importer ce fichier' }).click();
    await expect(page).toHaveURL(/\?resultat=/);
    await expect(page.getByTestId('import-counts')).toHaveText('2 créés, 0 mis à jour, 0 inchangés');
    await expectNoAxeViolations(page);

    // The list of accounts never activated, with counts and pages; a date that does not exist is said so.
    await page.goto('/admin/comptes?filtre=jamais-actives');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comptes');
    await expect(page.getByTestId('count-jamais-actives')).toHaveText(/Jamais activés \(\d+\)/);
    await expect(page.getByRole('table').getByRole('link', { name: `0077${n}001` })).toBeVisible();
    await expectNoAxeViolations(page);
    await fitsTheScreen(page, 'list', testInfo);
    await page.goto('/admin/comptes?filtre=jamais-actives&avant=2026-02-30');
    await expect(page.locator('.alert[role="alert"]')).toContainText('La date « 2026-02-30 » n’existe pas');
    await page.goto('/admin/comptes?page=999');
    await expect(page.getByText(/Cette page n’existe pas : la liste a \d+ pages?\./)).toBeVisible();

    // The export of that list: BOM, ";", CRLF, and the formula neutralised.
    const csv = await page.request.get('/admin/comptes/export?filtre=jamais-actives');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="comptes-jamais-actives-\d{4}-\d\d-\d\d\.csv"$/);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`\r\n0077${n}001;licence;cs-${n}-1@example.test;Camille Import ${n};fr;member;pending;`);
    expect(text).toContain(`\r\n0077${n}002;licence;cs-${n}-2@example.test;"'=HYPERLINK(""http://x"")";`);

    // The account's page: no link yet; a first-connection link is sent, Resend delivers it, then it bounces.
    await page.goto(`/admin?q=0077${n}001`);
    await page.getByRole('table').getByRole('link', { name: `0077${n}001` }).click();
    await expect(page.getByTestId('link-state')).toHaveText('Aucun lien n’a jamais été envoyé à ce compte.');
    await expect(page.getByText('Aucun e-mail n’a été envoyé à ce compte.')).toBeVisible();
    const address = `cs-${n}-1@example.test`;
    const count = (await inbox(address)).length;
    await page.getByRole('button', { name: 'Envoyer le lien de première connexion' }).click();
    const email = (await nextEmail(address, count)) as Awaited<ReturnType<typeof nextEmail>> & { id: string };
    await expect(page.getByTestId('link-state')).toHaveText('En cours de validité');
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('email-state')).toHaveText('Envoyé');
    }).toPass({ timeout: 15_000 });

    const delivered = signedEvent('email.delivered', email.id);
    expect((await page.request.post('/api/resend/webhook', delivered)).status()).toBe(200);
    expect((await page.request.post('/api/resend/webhook', delivered)).status()).toBe(409);
    const forged = signedEvent('email.complained', email.id);
    forged.headers['svix-signature'] = 'v1,bm90IGEgc2lnbmF0dXJlIGF0IGFsbA==';
    expect((await page.request.post('/api/resend/webhook', forged)).status()).toBe(401);
    await page.reload();
    await expect(page.getByTestId('email-state')).toHaveText('Livré');
    const bounced = signedEvent('email.bounced', email.id, { bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox full' } });
    expect((await page.request.post('/api/resend/webhook', bounced)).status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId('email-state')).toHaveText('Rejeté par la boîte du destinataire');
    await expect(page.getByText('Permanent — General — Mailbox full')).toBeVisible();
    await expectNoAxeViolations(page);
    await fitsTheScreen(page, 'account', testInfo);
  });

  test('a 50 MB file gets a clear message and changes nothing', async ({ page }, testInfo) => {
    await signInAsAdmin(page, '/admin/comptes/import', testInfo);
    await page.getByLabel('Fichier à importer (.csv)').setInputFiles(hugeFile(testInfo));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.locator('.alert[role="alert"]')).toContainText('dépasse la taille maximale de 1 Mo');
    await expect(page).toHaveURL('/admin/comptes/import');
  });

  test('the export and the import are for admins only', async ({ page, request }) => {
    const anonymous = await request.get('/admin/comptes/export', { maxRedirects: 0 });
    expect(anonymous.status()).toBe(303);
    expect(anonymous.headers().location).toBe('/connexion?callbackUrl=%2Fadmin%2Fcomptes%2Fexport');
    await signIn(page, DEMO.marie.identifier, DEMO.marie.password, { path: '/connexion' });
    await expect(page).toHaveURL('/espace');
    const member = await page.request.get('/admin/comptes/export');
    expect(member.status()).toBe(404);
    expect(await member.text()).not.toContain('identifier;');
    expect((await page.goto('/admin/comptes/import'))?.status()).toBe(404);
  });
});

test.describe('customer service without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('filters a list, and a 50 MB import gets a clear page', async ({ page }, testInfo) => {
    await signInAsAdmin(page, '/admin/comptes', testInfo);
    await page.getByLabel('Comptes', { exact: true }).selectOption('desactives');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect(page).toHaveURL('/admin/comptes?filtre=desactives&avant=');
    await expect(page.getByRole('heading', { level: 2, name: 'Désactivés' })).toBeVisible();

    await page.goto('/admin/comptes/import');
    await page.getByLabel('Fichier à importer (.csv)').setInputFiles(hugeFile(testInfo));
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Vérifier le fichier' }).click()]);
    expect(response.status()).toBe(413);
    await expect(page.getByText('Ce fichier dépasse la taille maximale de 1 Mo')).toBeVisible();
    await expect(page.getByText('This file is over the 1 MB maximum')).toBeVisible();

    await page.goto('/admin/comptes/import');
    await page.getByLabel('Fichier à importer (.csv)').setInputFiles({ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.locator('.alert[role="alert"]')).toHaveText('Ce fichier est vide.');
  });
});
