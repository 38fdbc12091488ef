import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startResendStub, type ResendStub } from './helpers/resend-stub.mjs';
import { DEMO, expect, signIn, test } from './helpers/fixtures';
import { formFields, pageText, postForm, rawRequest, withValues, type RawResponse } from './helpers/raw-http';
import { NGINX, startInstance, startNginx, type ServerProcess } from './helpers/server-process';

/**
 * A Node host as deploy/ describes it: Debian's nginx in front of two `npm start` instances
 * (server.mjs) on one Postgres. Sessions, throttles, links and the email queue live in the
 * database, so either instance serves anyone; stopping one under load loses no request.
 * CI installs nginx (.ci/run); where it is missing the spec is skipped and says why.
 */
test.skip(({ isMobile }) => isMobile, 'HTTP-level tests: one run is enough');
test.skip(!NGINX, 'nginx is not installed (Debian: apt-get install nginx); the two-instance tests need it');
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const base = Number(process.env.E2E_PORT ?? 3100);
const PORT_A = base + 20;
const PORT_B = base + 21;
const PORT_NGINX = base + 22;
// One database per E2E_PORT, like the ports: two checkouts can run the suite side by side.
const database = process.env.E2E_TWO_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/sesame_e2e_two_${base}`;
const SECRET = 'two-instances-secret-two-instances-secret-0123';

let stub: ResendStub;
let a: ServerProcess;
let b: ServerProcess;
let nginx: Awaited<ReturnType<typeof startNginx>>;
let nginxDir: string;

/** deploy/nginx/sesame.conf's map of the paths kept out of the access log, as it is written there. */
const LOGGABLE_MAP = /map \$request_uri \$sesame_loggable \{[^}]*\}/.exec(readFileSync('deploy/nginx/sesame.conf', 'utf8'))![0];

/** The site as deploy/nginx/sesame.conf serves it, in plain HTTP on a loopback port. */
const nginxConfig = () => `
user root;
worker_processes 1;
pid nginx.pid;
error_log logs/error.log warn;
events { worker_connections 512; }
http {
  client_body_temp_path tmp/body;
  proxy_temp_path tmp/proxy;
  fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi;
  scgi_temp_path tmp/scgi;
  # Emailed links carry their token in the path: such requests are not written down.
  ${LOGGABLE_MAP}
  log_format upstream '$remote_addr "$request" $status $upstream_addr';
  access_log logs/access.log upstream if=$sesame_loggable;
  upstream sesame {
    server 127.0.0.1:${PORT_A} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${PORT_B} max_fails=1 fail_timeout=30s;
  }
  server {
    listen 127.0.0.1:${PORT_NGINX};
    client_max_body_size 2m;
    location / {
      proxy_pass http://sesame;
      # An instance that stopped accepting connections: the request goes to the other one.
      proxy_next_upstream error timeout;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;

const psql = (statement: string) => execFileSync('psql', [database, '-qAtc', statement], { encoding: 'utf8' }).trim();
const cookiesOf = (answer: RawResponse) => ([answer.headers['set-cookie'] ?? []].flat() as string[]).map((c) => c.split(';')[0]).join('; ');

test.beforeAll(async ({}, testInfo) => {
  // One project runs it: the instances, their ports and their database are the same for all.
  test.skip(testInfo.project.name !== 'desktop', 'HTTP-level tests: one run is enough');
  // Seeding, then two production servers starting together on a busy machine.
  test.setTimeout(300_000);
  execFileSync('node', ['scripts/ensure-test-database.mjs', database], { stdio: 'inherit' });
  psql('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
  stub = await startResendStub();
  const env = {
    DATABASE_URL: database,
    AUTH_SECRET: SECRET,
    APP_URL: `http://127.0.0.1:${PORT_NGINX}`,
    RESEND_API_KEY: 're_two_instances',
    RESEND_BASE_URL: stub.url,
    BCRYPT_COST: '10',
    TRUST_PROXY: '1',
    WEB_CONCURRENCY: '1',
  };
  // DEV_TOOLS for the seeding alone: the demo accounts exist only with it (lib/operators/demo-seed.ts).
  const seed = { ...process.env, ...env, NODE_ENV: 'test' as const, DEV_TOOLS: '1' };
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/db-seed.ts'], { env: seed, stdio: 'ignore' });
  execFileSync('npx', ['tsx', '--conditions=react-server', 'e2e/helpers/seed-accounts.ts'], { env: seed, stdio: 'ignore' });
  [a, b] = await Promise.all([startInstance('two-instances-a', PORT_A, env), startInstance('two-instances-b', PORT_B, env)]);
  nginxDir = mkdtempSync(path.join(os.tmpdir(), 'sesame-nginx-'));
  for (const sub of ['tmp']) execFileSync('mkdir', ['-p', path.join(nginxDir, sub)]);
  nginx = await startNginx(nginxDir, nginxConfig(), PORT_NGINX);
});

test.afterAll(async () => {
  await nginx?.stop();
  for (const server of [a, b]) if (server && server.child.exitCode === null) server.kill('SIGTERM');
  await Promise.all([a?.exited, b?.exited]);
  await stub?.close();
  if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
});

test('a session opened on A is valid on B, and signing out on B ends it on A', async ({ page }) => {
  await page.goto(`${a.url}/connexion`);
  await signIn(page, DEMO.marie.identifier, DEMO.marie.password);
  await expect(page).toHaveURL(`${a.url}/espace`);
  // Cookies belong to the host, not the port: the same browser carries the session to B.
  const cookie = (await page.context().cookies(a.url)).map((c) => `${c.name}=${c.value}`).join('; ');
  await page.goto(`${b.url}/espace`);
  await expect(page.getByRole('heading', { name: 'Mon espace', level: 1 })).toBeVisible();
  await expect(page.getByText(DEMO.marie.name)).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await expect(page).toHaveURL(`${b.url}/`);
  // The session cookie kept from before the sign-out no longer opens anything on A.
  const onA = await rawRequest(`${a.url}/espace`, { headers: { cookie } });
  expect(pageText(onA.body)).not.toContain(DEMO.marie.name);
  expect(onA.status).toBeGreaterThanOrEqual(300);
  expect(onA.headers.location).toMatch(/^\/connexion/);
});

test('a throttle earned on A applies on B', async ({ browser }) => {
  const fields = await formFields(browser, `${a.url}/connexion`, 'identifier');
  const attempt = (url: string, password: string, n: number) =>
    postForm(`${url}/connexion`, withValues(fields, [['identifier', DEMO.lea.identifier], ['password', password]]), { headers: { 'x-forwarded-for': `198.18.30.${n}` } });
  for (let n = 1; n <= 5; n += 1) {
    const wrong = await attempt(a.url, `Wrong-password-${n}`, n);
    expect(pageText(wrong.body)).not.toContain('Trop de tentatives');
  }
  const right = await attempt(b.url, DEMO.lea.password, 6);
  expect(pageText(right.body)).toContain('Trop de tentatives. Réessayez dans 1 minute');
});

test('a link emailed by A works on B, once, when the form is posted to both at once; its path stays out of the access log', async ({ browser }) => {
  const resetFields = await formFields(browser, `${a.url}/mot-de-passe-oublie`, 'identifier');
  await postForm(`${a.url}/mot-de-passe-oublie`, withValues(resetFields, [['identifier', DEMO.papeterie.identifier]]), { headers: { 'x-forwarded-for': '198.18.31.1' } });
  await expect.poll(() => stub.messages().filter((m) => m.to.includes('contact@papeterie-exemple.fr')).length).toBe(1);
  const [message] = stub.messages().filter((m) => m.to.includes('contact@papeterie-exemple.fr'));
  const link = /http:\/\/127\.0\.0\.1:\d+\/reinitialisation\/[A-Za-z0-9_-]{43}/.exec(message.text ?? '')?.[0];
  expect(link).toContain(`127.0.0.1:${PORT_NGINX}/reinitialisation/`);
  const token = link!.split('/').at(-1)!;

  // Opened through nginx (as the person clicks it) and again on B: opening never uses a link.
  expect((await rawRequest(link!)).status).toBe(303);
  const opened = await rawRequest(`${b.url}/reinitialisation/${token}`);
  expect(opened.status).toBe(303);
  const cookie = cookiesOf(opened);
  const form = await formFields(browser, `${b.url}/reinitialisation`, 'password', cookie);
  const password = 'Trombone-Violet-Quasar-81';
  const filled = withValues(form, [['password', password], ['confirmation', password]]);
  const answers = await Promise.all([a.url, b.url].map((url) => postForm(`${url}/reinitialisation`, filled, { headers: { cookie, 'x-forwarded-for': '198.18.31.2' } })));
  const locations = answers.map((r) => `${r.status} ${r.headers.location?.split('?')[0]}`).sort();
  expect(locations).toEqual(['303 /reinitialisation', '303 /reinitialisation/termine']);

  const signInFields = await formFields(browser, `${b.url}/connexion`, 'identifier');
  const signedIn = await postForm(`${b.url}/connexion`, withValues(signInFields, [['identifier', DEMO.papeterie.identifier], ['password', password]]), { headers: { 'x-forwarded-for': '198.18.31.3' } });
  expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/espace']);
  // An email-change link (a made-up one: the path is what matters) stays out of it too.
  const emailChangeToken = 'made-up-email-change-token-0123456789abcdefgh';
  await rawRequest(`${nginx.url}/espace/email/${emailChangeToken}`, { headers: { 'x-forwarded-for': '198.18.31.4' } });
  expect(nginx.accessLog()).not.toContain(token);
  expect(nginx.accessLog()).not.toContain('/reinitialisation/');
  expect(nginx.accessLog()).not.toContain(emailChangeToken);
});

test('with both email workers running, every email is sent exactly once', async () => {
  // Forty emails queued at once (bodies as the queue reads them), drained by both instances' workers.
  psql(`insert into email_outbox (idempotency_key, kind, "to", subject, html, text, next_attempt_at)
        select 'two-instances:' || i, 'test', 'queue' || i || '@example.test', 'Queue ' || i, '<p>' || i || '</p>', i::text, now()
        from generate_series(1, 40) as i`);
  const ours = () => stub.messages().filter((m) => m.idempotencyKey?.startsWith('two-instances:'));
  await expect.poll(() => ours().length, { timeout: 90_000, intervals: [1000] }).toBe(40);
  expect(new Set(ours().map((m) => m.idempotencyKey)).size).toBe(40);
  expect(psql(`select count(*) from email_outbox where idempotency_key like 'two-instances:%' and status = 'sent' and attempts = 1`)).toBe('40');
  const deliveredBy = (server: ServerProcess) =>
    server
      .log()
      .split('\n')
      .filter((line) => line.includes('"msg":"outbox delivered"'))
      .reduce((n, line) => n + Number(JSON.parse(line).sent ?? 0), 0);
  console.log(`emails: 40 queued, 40 delivered, 0 duplicated; sent by A ${deliveredBy(a)}, by B ${deliveredBy(b)} (workers' log lines)`);
});

test('stopping A with SIGTERM under load loses no request: nginx sends new ones to B, A answers its own', async ({ browser }) => {
  const fields = await formFields(browser, `${nginx.url}/connexion`, 'identifier');
  const answers: { status: number; error?: string }[] = [];
  let running = true;
  const paths = ['/api/health/ready', '/connexion', '/', '/mot-de-passe-oublie'];
  const worker = async (w: number) => {
    for (let i = 0; running; i += 1) {
      const request =
        i % 5 === 4
          ? postForm(`${nginx.url}/connexion`, withValues(fields, [['identifier', DEMO.admin.identifier], ['password', DEMO.admin.password]]), {
              headers: { 'x-forwarded-for': `198.18.40.${w + 1}` },
            })
          : rawRequest(`${nginx.url}${paths[i % paths.length]}`);
      answers.push(await request.then((r) => ({ status: r.status }), (error: Error) => ({ status: 0, error: error.message })));
    }
  };
  const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  await expect.poll(() => answers.length, { timeout: 30_000 }).toBeGreaterThan(40);
  const beforeStop = answers.length;
  a.kill('SIGTERM');
  expect(await a.exited).toBe(0);
  const atExit = answers.length;
  await expect.poll(() => answers.length, { timeout: 30_000 }).toBeGreaterThan(atExit + 80);
  running = false;
  await load;

  const byStatus = answers.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});
  const upstreams = nginx
    .accessLog()
    .split('\n')
    .filter(Boolean)
    .reduce<Record<string, number>>((counts, line) => {
      const upstream = line.split(' ').at(-1)!;
      return { ...counts, [upstream]: (counts[upstream] ?? 0) + 1 };
    }, {});
  console.log(`SIGTERM under load: ${answers.length} requests (${beforeStop} before the signal, ${atExit} when A had exited), statuses ${JSON.stringify(byStatus)}, nginx upstreams ${JSON.stringify(upstreams)}`);
  expect(answers.filter((r) => r.status === 0 || r.status >= 500)).toEqual([]);
  expect(a.log()).toContain('"msg":"stopped"');
});

test('production refuses DEV_TOOLS=1, and /dev/outbox does not exist without it', async () => {
  expect((await rawRequest(`${b.url}/dev/outbox`)).status).toBe(404);
  const child = spawn('node', ['server.mjs', '--port', String(base + 23)], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DEV_TOOLS: '1', AUTH_SECRET: SECRET, APP_URL: 'https://x.example', RESEND_API_KEY: 're_x', DATABASE_URL: database },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(1);
  expect(output).toContain('DEV_TOOLS: refused in production');
});
