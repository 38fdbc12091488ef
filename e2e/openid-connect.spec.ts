import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startResendStub, type ResendStub } from './helpers/resend-stub.mjs';
import { DEMO, expect, formAlert, signIn, test } from './helpers/fixtures';
import { accepts, startInstance, type ServerProcess } from './helpers/server-process';

/**
 * Sésame as the OpenID Connect provider of an app it knows nothing about: Debian's Apache with
 * mod_auth_openidc (a widely used, certified relying party) protects a page of "the shop"; a
 * member opens it in the browser, signs in on Sésame's own page, and lands on the page, Apache
 * knowing their licence number. CI installs Apache and the module (.ci/run); where they are
 * missing the spec is skipped and says why.
 */
const APACHE = '/usr/sbin/apache2';
const MODULE = '/usr/lib/apache2/modules/mod_auth_openidc.so';
const installed = existsSync(APACHE) && existsSync(MODULE);

// One Sésame and one Apache for the file: its tests run one after the other, in one worker.
test.describe.configure({ mode: 'serial' });
test.skip(({ isMobile }) => isMobile, 'one run is enough: the pages are the sign-in pages other specs check at every size');
test.skip(!installed, 'Apache or mod_auth_openidc is missing (Debian: apt-get install apache2 libapache2-mod-auth-openidc)');

const base = Number(process.env.E2E_PORT ?? 3100);
const PORT_SESAME = base + 40;
const PORT_SHOP = base + 41;
const database = process.env.E2E_OIDC_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/sesame_e2e_oidc_${base}`;
const SESAME = `http://127.0.0.1:${PORT_SESAME}`;
// The shop on another host name than Sésame: another site for the browser, as in real life.
const SHOP = `http://localhost:${PORT_SHOP}`;
const CLIENT = { id: 'e2e-boutique', secret: 'e2e-boutique-secret-e2e-boutique-secret-0123', redirectUri: `${SHOP}/boutique/redirect_uri` };

let stub: ResendStub;
let sesame: ServerProcess;
let apacheDir: string;
let stopApache: () => Promise<void>;

const apacheConfig = (dir: string) => `
ServerRoot ${dir}
PidFile ${dir}/httpd.pid
Listen 127.0.0.1:${PORT_SHOP}
ServerName localhost
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule auth_openidc_module ${MODULE}
TypesConfig /etc/mime.types
User www-data
Group www-data
ErrorLog ${dir}/error.log
LogLevel warn
DocumentRoot ${dir}/htdocs
DirectoryIndex index.html
OIDCProviderMetadataURL ${SESAME}/.well-known/openid-configuration
OIDCClientID ${CLIENT.id}
OIDCClientSecret ${CLIENT.secret}
OIDCRedirectURI ${CLIENT.redirectUri}
OIDCCryptoPassphrase e2e-passphrase-e2e-passphrase-0123456789
OIDCScope "openid email profile identifier"
OIDCPKCEMethod S256
# The code comes back in a form Sésame posts with a script of its own (its hash in the CSP).
OIDCResponseMode form_post
OIDCRemoteUserClaim identifier
OIDCSessionType client-cookie
<Location /boutique>
  AuthType openid-connect
  Require valid-user
  Header always set X-Identifier "%{OIDC_CLAIM_identifier}e"
  Header always set X-Identifier-Kind "%{OIDC_CLAIM_identifier_kind}e"
  Header always set X-Amr "%{OIDC_CLAIM_amr}e"
</Location>
`;

test.beforeAll(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run is enough');
  test.setTimeout(300_000);
  execFileSync('node', ['scripts/ensure-test-database.mjs', database], { stdio: 'inherit' });
  execFileSync('psql', [database, '-qc', 'drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;']);
  stub = await startResendStub();
  const env = {
    DATABASE_URL: database,
    AUTH_SECRET: 'oidc-e2e-secret-oidc-e2e-secret-0123456789',
    APP_URL: SESAME,
    RESEND_API_KEY: 're_oidc',
    RESEND_BASE_URL: stub.url,
    BCRYPT_COST: '10',
    WEB_CONCURRENCY: '1',
  };
  const seed = { ...process.env, ...env, NODE_ENV: 'test' as const, DEV_TOOLS: '1' };
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/db-seed.ts'], { env: seed, stdio: 'ignore' });
  execFileSync('npx', ['tsx', '--conditions=react-server', 'e2e/helpers/seed-oidc-client.ts'], {
    env: { ...seed, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_REDIRECT_URI: CLIENT.redirectUri },
    stdio: 'ignore',
  });
  sesame = await startInstance('openid-connect', PORT_SESAME, env);

  // Apache reads its configuration as root, then serves as www-data: its files readable by all.
  apacheDir = mkdtempSync(path.join(os.tmpdir(), 'sesame-apache-'));
  mkdirSync(path.join(apacheDir, 'htdocs', 'boutique'), { recursive: true });
  writeFileSync(path.join(apacheDir, 'htdocs', 'boutique', 'index.html'), '<!doctype html><html lang="fr"><title>Boutique</title><h1>Espace boutique</h1></html>');
  writeFileSync(path.join(apacheDir, 'httpd.conf'), apacheConfig(apacheDir));
  for (const p of [apacheDir, path.join(apacheDir, 'htdocs'), path.join(apacheDir, 'htdocs', 'boutique')]) chmodSync(p, 0o755);
  const child = spawn(APACHE, ['-f', path.join(apacheDir, 'httpd.conf'), '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await expect.poll(async () => (child.exitCode === null ? accepts(PORT_SHOP) : `apache exited: ${errors}`), { timeout: 15_000 }).toBe(true);
  stopApache = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
});

test.afterAll(async () => {
  await stopApache?.();
  if (sesame && sesame.child.exitCode === null) sesame.kill('SIGTERM');
  await sesame?.exited;
  await stub?.close();
  if (apacheDir) rmSync(apacheDir, { recursive: true, force: true });
});

test('a member signs in to the shop with Sésame, and Apache learns their licence number', async ({ page }) => {
  await page.goto(`${SHOP}/boutique/`);
  // Sésame's own sign-in page, which comes back to the shop.
  await expect(page).toHaveURL(new RegExp(`^${SESAME}/connexion\\?callbackUrl=%2Foidc%2Finteraction%2F`));
  await signIn(page, DEMO.marie.identifier, 'pas-le-bon-mot-de-passe');
  await expect(formAlert(page)).toContainText('Identifiant ou mot de passe incorrect');
  await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
  await expect(page).toHaveURL(`${SHOP}/boutique/`);
  await expect(page.getByRole('heading', { name: 'Espace boutique' })).toBeVisible();

  // What mod_auth_openidc took from the ID token and userinfo.
  const answer = await page.request.get(`${SHOP}/boutique/`);
  expect(answer.status()).toBe(200);
  expect(answer.headers()).toMatchObject({ 'x-identifier': DEMO.marie.identifier, 'x-identifier-kind': 'licence', 'x-amr': 'pwd' });

  // Signed out of Sésame, the shop's next sign-in goes through Sésame's page again.
  await page.goto(`${SESAME}/espace`);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.context().clearCookies({ domain: 'localhost' });
  await page.goto(`${SHOP}/boutique/`);
  await expect(page).toHaveURL(new RegExp(`^${SESAME}/connexion\\?callbackUrl=`));
  expect(readFileSync(path.join(apacheDir, 'error.log'), 'utf8')).not.toMatch(/\[auth_openidc:error\]/);
});

test('without JavaScript too: the sign-in page, then the provider\'s own page that posts the code back', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR', baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await page.goto(`${SHOP}/boutique/`);
  await expect(page).toHaveURL(new RegExp(`^${SESAME}/connexion\\?callbackUrl=`));
  await signIn(page, DEMO.lea.identifier, DEMO.lea.password);
  // form_post without a script: the page says what to do, in French, and its button sends the code.
  // (Its words are inside <noscript>, which locators do not read: the page's HTML is.)
  expect(await page.content()).toContain('Votre navigateur n’exécute pas JavaScript : cliquez sur « Continuer »');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page).toHaveURL(`${SHOP}/boutique/`);
  await expect(page.getByRole('heading', { name: 'Espace boutique' })).toBeVisible();
  await context.close();
});
