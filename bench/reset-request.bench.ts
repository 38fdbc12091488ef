/**
 * npm run bench:reset — the time the production server takes to answer a reset request, for a
 * known and for an unknown identifier (50 each, interleaved), posted as a browser without
 * JavaScript posts the form. Needs a production build (`npm run build`); starts its own server
 * on a fresh embedded database (e2e/helpers/start-server.sh, port 3300) and the Resend stub (3301).
 */
import { spawn } from 'node:child_process';
import { startResendStub } from '../e2e/helpers/resend-stub.mjs';

const PORT = 3300;
const base = `http://127.0.0.1:${PORT}`;
const RUNS = 50;

const stub = await startResendStub(PORT + 1);
const server = spawn('bash', ['e2e/helpers/start-server.sh'], { env: { ...process.env, E2E_PORT: String(PORT) }, stdio: 'ignore', detached: true });

async function waitForHealth() {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

/** The hidden fields React renders into the form for a no-JavaScript post (the action's id). */
async function formFields(): Promise<[string, string][]> {
  const html = await (await fetch(`${base}/mot-de-passe-oublie`)).text();
  const main = html.slice(html.indexOf('<main'));
  const form = main.slice(main.indexOf('<form'), main.indexOf('</form>'));
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [m[1], (m[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')]);
}

async function post(hidden: [string, string][], identifier: string, n: number): Promise<number> {
  const body = new FormData();
  for (const [name, value] of hidden) body.append(name, value);
  body.append('identifier', identifier);
  body.append('email', '');
  const start = performance.now();
  const response = await fetch(`${base}/mot-de-passe-oublie`, {
    method: 'POST',
    body,
    headers: { Origin: base, 'X-Forwarded-For': `198.18.${Math.floor(n / 250)}.${n % 250}` },
  });
  const text = await response.text();
  const elapsed = performance.now() - start;
  if (!text.includes('Si ces informations correspondent')) throw new Error(`unexpected answer (${response.status})`);
  return elapsed;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const median = (sorted[RUNS / 2 - 1] + sorted[RUNS / 2]) / 2;
  return `median ${median.toFixed(1).padStart(6)} ms   p90 ${sorted[Math.floor(RUNS * 0.9)].toFixed(1).padStart(6)} ms   min ${sorted[0].toFixed(1)}   max ${sorted.at(-1)!.toFixed(1)}`;
};

try {
  await waitForHealth();
  const hidden = await formFields();
  for (let i = 0; i < 5; i += 1) await post(hidden, '00999997', 1000 + i); // warm-up
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    known.push(await post(hidden, '00123456', 2 * i));
    unknown.push(await post(hidden, '00999999', 2 * i + 1));
  }
  console.log(`reset request answered by the production server, ${RUNS} each, interleaved`);
  console.log(`known identifier (00123456)    ${summary(known)}`);
  console.log(`unknown identifier (00999999)  ${summary(unknown)}`);
  console.log(`emails received by the stub: ${stub.messages().length}`);
} finally {
  process.kill(-server.pid!, 'SIGTERM');
  await stub.close();
}
