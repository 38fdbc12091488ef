/**
 * npm run bench:oidc: Sésame as an OpenID Connect provider, on the production build (run
 * `npm run build` first), on Postgres with one process per core:
 * - the time of a whole code flow for a member already signed in to Sésame (authorization request,
 *   redirects, the code exchanged at the token endpoint with PKCE), median of 20;
 * - the token endpoint's requests per second (refresh grants, 8 at once, 500 in all: under the
 *   600 a minute each client and address may send, lib/throttles/policies.ts).
 * It recreates the database sesame_bench_oidc on DATABASE_URL's server (127.0.0.1 by default).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';

const PORT = Number(process.env.BENCH_PORT ?? 3650);
const RUNS = 20;
const SERVER = `http://127.0.0.1:${PORT}`;
const SECRET = 'bench-oidc-secret-bench-oidc-secret-0123456789';
const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = new URL(admin);
database.pathname = '/sesame_bench_oidc';
const CLIENT = { id: 'bench-shop', secret: 'bench-shop-secret-bench-shop-secret-0123', redirectUri: 'https://shop.example/callback' };

const sql = postgres(admin, { onnotice: () => {} });
await sql`drop database if exists sesame_bench_oidc with (force)`;
await sql`create database sesame_bench_oidc`;
await sql.end();

const env = {
  ...process.env,
  DATABASE_URL: database.href,
  AUTH_SECRET: SECRET,
  APP_URL: SERVER,
  RESEND_API_KEY: 're_bench',
  RESEND_BASE_URL: 'http://127.0.0.1:9',
};
const seed = { ...env, NODE_ENV: 'test' as const, DEV_TOOLS: '1' };
execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/db-seed.ts'], { env: seed, stdio: 'ignore' });
execFileSync('npx', ['tsx', '--conditions=react-server', 'e2e/helpers/seed-oidc-client.ts'], {
  env: { ...seed, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_REDIRECT_URI: CLIENT.redirectUri },
  stdio: 'ignore',
});
const server = spawn('node', ['server.mjs', '--hostname', '127.0.0.1', '--port', String(PORT)], { env: { ...env, NODE_ENV: 'production' as const }, stdio: 'ignore' });
try {
  for (let i = 0; ; i += 1) {
    if ((await fetch(`${SERVER}/api/health/ready`).catch(() => null))?.status === 200) break;
    if (i > 240) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await measure();
} finally {
  server.kill('SIGTERM');
}

async function measure() {
  // Marie's Sésame session, as a sign-in writes it: the row, then Auth.js's cookie.
  const db = postgres(database.href, { onnotice: () => {} });
  const [marie] = await db`select id from accounts where identifier = '00123456'`;
  const sid = randomBytes(24).toString('base64url');
  await db`insert into sessions (id, account_id, remember, expires_at, ip, user_agent) values (${sid}, ${marie.id}, true, now() + interval '1 day', '127.0.0.1', 'bench')`;
  await db.end();
  const cookies = new Map([['authjs.session-token', await encode({ token: { sub: marie.id, sid }, secret: SECRET, salt: 'authjs.session-token' })]]);
  const basic = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;

  async function get(url: string): Promise<string | null> {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    await response.arrayBuffer();
    const location = response.headers.get('location');
    return location ? new URL(location, SERVER).href : null;
  }

  async function codeFlow(scope = 'openid email profile identifier', extra: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const params = new URLSearchParams({ client_id: CLIENT.id, response_type: 'code', scope, redirect_uri: CLIENT.redirectUri, state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256', ...extra });
    let url: string | null = `${SERVER}/oidc/auth?${params}`;
    while (url && !url.startsWith(CLIENT.redirectUri)) url = await get(url);
    const code = new URL(url!).searchParams.get('code')!;
    const token = await fetch(`${SERVER}/oidc/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirectUri, code_verifier: verifier }),
    });
    if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${await token.text()}`);
    return (await token.json()) as { id_token: string; refresh_token?: string };
  }

  const times: number[] = [];
  const first = performance.now();
  await codeFlow();
  const firstMs = performance.now() - first;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await codeFlow();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
  console.log(`Whole code flow, member signed in to Sésame: median ${median.toFixed(1)} ms of ${RUNS} (min ${times[0].toFixed(1)}, max ${times.at(-1)!.toFixed(1)}); the first one, through the sign-in step: ${firstMs.toFixed(1)} ms`);

  const { refresh_token: refresh } = await codeFlow('openid offline_access', { prompt: 'consent' });
  const TOTAL = 500;
  let sent = 0;
  const statuses = new Map<number, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (sent < TOTAL) {
        sent += 1;
        const response = await fetch(`${SERVER}/oidc/token`, {
          method: 'POST',
          headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh! }),
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(`Token endpoint (refresh grants, 8 at once): ${(TOTAL / seconds).toFixed(0)} requests/s over ${TOTAL}; answers ${JSON.stringify(Object.fromEntries(statuses))}`);
}
