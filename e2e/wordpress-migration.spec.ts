import { readFileSync } from 'node:fs';
import type { TestInfo } from '@playwright/test';
import { expect, expectNoAxeViolations, formAlert, signIn, test } from './helpers/fixtures';
import { signInAsAdmin } from './helpers/second-factor';

/**
 * Members moving from a WordPress site keep their password (docs/wordpress-migration.md): an
 * administrator imports the site's user export, then a member signs in with the password they had
 * on WordPress, and again once Sésame has converted it.
 */
type Fixture = { password: string; hash: string; format: string };
const FIXTURES: Fixture[] = JSON.parse(readFileSync('test/fixtures/wordpress-hashes.json', 'utf8')).hashes;
// Written by WordPress's own code (test/fixtures/wordpress-hashes.php) for this password.
const PASSWORD = 'Sesame-Demo-2026';
const hashOf = (prefix: string) => FIXTURES.find((f) => f.password === PASSWORD && f.hash.startsWith(prefix))!.hash;

const n = (testInfo: TestInfo) => (testInfo.project.name === 'desktop' ? 0 : 1);
const phpassMember = (testInfo: TestInfo) => `7790${n(testInfo)}001`;
const wp68Member = (testInfo: TestInfo) => `7790${n(testInfo)}002`;

/** What `wp user list --fields=user_login,user_email,display_name,user_pass --format=csv` writes. */
const wordpressExport = (testInfo: TestInfo) =>
  [
    'user_login,user_email,display_name,user_pass',
    `${phpassMember(testInfo)},wp-${n(testInfo)}-1@example.test,"Anne Ancienne",${hashOf('$P$')}`,
    `${wp68Member(testInfo)},wp-${n(testInfo)}-2@example.test,"Bruno Récent",${hashOf('$wp$')}`,
    `jdupont${n(testInfo)},wp-${n(testInfo)}-3@example.test,"Jean Pseudo",${hashOf('$P$')}`,
    '',
  ].join('\n');

test.describe('moving from WordPress', () => {
  test('members sign in with their WordPress password, before and after its conversion', async ({ page, browser }, testInfo) => {
    await page.goto('/admin/comptes/import');
    await signInAsAdmin(page, testInfo);
    await expect(page).toHaveURL('/admin/comptes/import');
    await page.getByLabel('Fichier à importer (.csv)').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(wordpressExport(testInfo)) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.getByTestId('import-counts')).toHaveText('2 à créer, 0 à mettre à jour, 0 inchangés');
    // The lines that will be imported: the pseudonym's line is an error, its hash not counted.
    await expect(page.getByTestId('import-hashes')).toHaveText(
      'Empreintes de mots de passe : 1 phpass (WordPress jusqu’à 6.7, phpBB), 1 WordPress 6.8 ou plus récent, 0 bcrypt ; 0 non reconnues, 0 vides',
    );
    await expect(page.getByTestId('import-errors')).toContainText(`ligne 4 : l’identifiant "jdupont${n(testInfo)}" ne contient pas que des chiffres`);
    await expectNoAxeViolations(page);
    // The hashes themselves appear nowhere on the page.
    expect(await page.content()).not.toContain(hashOf('$P$').slice(4));
    await page.getByRole('button', { name: 'Importer ce fichier' }).click();
    await expect(page.getByTestId('import-counts')).toHaveText('2 créés, 0 mis à jour, 0 inchangés');

    for (const identifier of [phpassMember(testInfo), wp68Member(testInfo)]) {
      const member = await browser.newContext({ baseURL: testInfo.project.use.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${n(testInfo) * 10 + 1}` } });
      const memberPage = await member.newPage();
      // A wrong password gets the usual answer.
      await signIn(memberPage, identifier, 'pas-le-bon-mot-de-passe');
      await expect(formAlert(memberPage)).toContainText('Identifiant ou mot de passe incorrect');
      // The WordPress password, then again once Sésame has hashed it its own way.
      for (let time = 0; time < 2; time += 1) {
        await signIn(memberPage, identifier, PASSWORD, { path: '/connexion' });
        await expect(memberPage).toHaveURL('/espace');
        await memberPage.getByRole('button', { name: 'Se déconnecter' }).click();
        await expect(memberPage).toHaveURL('/');
      }
      await member.close();
    }
  });
});
