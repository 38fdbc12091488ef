/**
 * What `npm start` (server.mjs, which passes the socket's address to the app) costs against plain
 * `next start`, on the same production build: the answer time of the sign-in page and of a static
 * stylesheet (both go through the proxy's headers), 300 sequential requests each after a warm-up.
 * Needs `npm run build`. Ports 3400 (server.mjs) and 3410 (next start), each on its own embedded
 * database.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const RUNS = 300;

function start(kind: 'server.mjs' | 'next start', port: number): ChildProcess {
  return spawn('bash', ['e2e/helpers/start-server.sh'], {
    env: { ...process.env, E2E_PORT: String(port), RESEND_BASE_URL: 'http://127.0.0.1:9', SERVER: kind === 'next start' ? 'next-start' : '' },
    stdio: 'ignore',
    detached: true,
  });
}

async function waitForHealth(base: string) {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base} did not start`);
}

async function time(url: string): Promise<number[]> {
  for (let i = 0; i < 20; i += 1) await (await fetch(url)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const figures = (t: number[]) =>
  `median ${t[RUNS / 2].toFixed(2).padStart(6)} ms   p90 ${t[Math.floor(RUNS * 0.9)].toFixed(2).padStart(6)} ms`;

console.log(`answer times on the production build, ${RUNS} sequential requests each`);
for (const [kind, port] of [['server.mjs', 3400], ['next start', 3410]] as const) {
  const base = `http://127.0.0.1:${port}`;
  const server = start(kind, port);
  try {
    await waitForHealth(base);
    const stylesheet = /href="(\/_next\/static\/[^"]+\.css)"/.exec(await (await fetch(`${base}/connexion`)).text())![1];
    console.log(`${kind.padEnd(11)} /connexion   ${figures(await time(`${base}/connexion`))}`);
    console.log(`${kind.padEnd(11)} stylesheet   ${figures(await time(`${base}${stylesheet}`))}`);
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}
