import { execFileSync } from 'node:child_process';
import { E2E_PASSWORD } from './helpers/accounts';
import { DEMO, expect, RESET_ANSWER, test } from './helpers/fixtures';
import { inbox } from './helpers/mailbox';
import { formFields, heldPost, pageText, postForm, type RawResponse, rawRequest, silentConnection, withValues } from './helpers/raw-http';
import { accepts, startServer, type ServerProcess } from './helpers/server-process';

/**
 * The production server as a process: a graceful stop, a full hashing pool, several processes on
 * Postgres. Each test starts a server of its own (see helpers/server-process.ts). HTTP-level: desktop only.
 */
test.skip(({ isMobile }) => isMobile, 'HTTP-level tests: one run is enough');
test.describe.configure({ timeout: 180_000 });

const base = Number(process.env.E2E_PORT ?? 3100);
// Members only: an admin's right password leads to the second step, not to /espace.
const SIGN_INS = [DEMO.marie, DEMO.lea, DEMO.tom, DEMO.papeterie, DEMO.papeterie, DEMO.marie, DEMO.lea, DEMO.tom];

let server: ServerProcess | undefined;
test.afterEach(async () => {
  if (server && server.child.exitCode === null) server.kill('SIGKILL');
  await server?.exited;
  server = undefined;
});

/** Sign-ins held in flight, each from its own address; `send` finishes them all. */
async function signInsInFlight(browser: Parameters<typeof formFields>[0], url: string, accounts: readonly { identifier: string; password: string }[]) {
  const fields = await formFields(browser, `${url}/connexion`, 'identifier');
  const held = await Promise.all(
    accounts.map((a, i) =>
      heldPost(`${url}/connexion`, withValues(fields, [['identifier', a.identifier], ['password', a.password]]), { 'x-forwarded-for': `198.18.7.${i + 1}` }),
    ),
  );
  return () => Promise.all(held.map((h) => h.send()));
}

test('SIGTERM: the sign-ins in flight are answered, reset emails already promised are sent, then the process exits', async ({ browser }) => {
  server = await startServer(base + 10);
  const { url } = server;

  // Six reset requests answered: their emails are sent after the answer.
  const resetFields = await formFields(browser, `${url}/mot-de-passe-oublie`, 'identifier');
  const addresses = ['marie.dupont@example.org', 'famille.durand@example.org', 'contact@papeterie-exemple.fr', 'admin@example.org', 'paul.martin@example.org', 'achats@librairie-exemple.fr'];
  // Other tests email these demo addresses too: this server's emails are those with its links.
  const fromThisServer = (address: string) => inbox(address).then((messages) => messages.filter((m) => m.text.includes(url)).length);
  for (const [i, email] of addresses.entries()) {
    const answer = await postForm(`${url}/mot-de-passe-oublie`, withValues(resetFields, [['email', email]]), { headers: { 'x-forwarded-for': `198.18.8.${i + 1}` } });
    expect(pageText(answer.body)).toContain(RESET_ANSWER);
  }

  const send = await signInsInFlight(browser, url, SIGN_INS);
  // A connection the server has accepted but whose request it has not read yet: on a busy machine,
  // a request the client has wholly sent. It is answered too, and told the connection closes.
  const silent = await silentConnection(url);
  server.kill('SIGTERM');
  await expect.poll(() => accepts(base + 10), { message: 'no new connections once stopping' }).toBe(false);
  expect(await silent.get('/api/health')).toEqual({ statusLine: 'HTTP/1.1 200 OK', connection: 'close' });
  const answers = await send();

  expect(answers.map((a) => [a.status, a.headers.location])).toEqual(SIGN_INS.map(() => [303, '/espace']));
  expect(await server.exited).toBe(0);
  expect(await Promise.all(addresses.map(fromThisServer))).toEqual(addresses.map(() => 1));
  const steps = server
    .log()
    .split('\n')
    .flatMap((line) => (line.startsWith('{') ? [JSON.parse(line).msg as string] : []))
    .filter((msg) => msg.startsWith('stop'));
  expect(steps).toEqual([
    'stopping: no new connections',
    'stopping: requests in flight answered',
    'stopping: work after responses done',
    'stopping: email worker stopped',
    'stopping: database closed',
    'stopped',
  ]);
});

test('a full hashing pool: the sign-ins it cannot take get a 503 page that says to come back, and nothing is counted', async ({ browser }) => {
  // A slow hash and a queue of one: most of twelve sign-ins (twelve accounts) released at once
  // cannot be checked. Seeding at cost 14 alone takes minutes on a loaded machine: room for it.
  test.setTimeout(480_000);
  server = await startServer(base + 12, { BCRYPT_COST: '14', HASH_QUEUE_LIMIT: '1' }, 360_000);
  const twelve = [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => ({ identifier: `0090${String(n).padStart(4, '0')}`, password: E2E_PASSWORD }));
  const send = await signInsInFlight(browser, server.url, twelve);
  const answers = await send();

  // A busy sign-in is sent to a page of its own, answered 503 with Retry-After.
  const isBusy = (a: RawResponse) => a.status === 303 && a.headers.location === '/connexion/occupe';
  expect(answers.filter(isBusy).length).toBeGreaterThan(0);
  expect(answers.filter((a) => !isBusy(a)).map((a) => [a.status, a.headers.location])).toEqual(answers.filter((a) => !isBusy(a)).map(() => [303, '/espace']));
  const page = await rawRequest(`${server.url}/connexion/occupe`, { headers: { 'accept-language': 'fr-FR' } });
  expect(page.status).toBe(503);
  expect(page.headers['retry-after']).toBe('5');
  expect(pageText(page.body)).toContain('Le service est très sollicité. Réessayez dans quelques secondes.');
  expect(pageText(page.body)).not.toMatch(/incorrect|Trop de tentatives/);
  // A busy answer counted nothing: the right password goes straight in once the rush is over.
  const again = await signInsInFlight(browser, server.url, [twelve[answers.findIndex(isBusy)]]);
  expect((await again())[0]).toMatchObject({ status: 303, headers: { location: '/espace' } });
});

test('on Postgres, WEB_CONCURRENCY processes serve together and stop together', async ({ browser }) => {
  // One database per E2E_PORT, like the ports: two checkouts can run the suite side by side.
  const database = process.env.E2E_CLUSTER_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/sesame_e2e_cluster_${base}`;
  execFileSync('node', ['scripts/ensure-test-database.mjs', database], { stdio: 'inherit' });
  server = await startServer(base + 14, { E2E_DATABASE_URL: database, WEB_CONCURRENCY: '2' });
  expect(server.log()).toContain('"msg":"starting server processes","pid"');
  const send = await signInsInFlight(browser, server.url, SIGN_INS);
  server.kill('SIGTERM');
  const answers = await send();
  expect(answers.map((a) => a.status)).toEqual(SIGN_INS.map(() => 303));
  expect(await server.exited).toBe(0);
  expect(server.log()).toContain('stopped: every server process has stopped');
});
