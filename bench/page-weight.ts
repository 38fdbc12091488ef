/**
 * The JavaScript each public page makes a browser load before any interaction, on the production
 * build: every script the page's HTML names (its <script> tags and the chunks of its client
 * components, listed in React's streamed data), raw and gzipped (zlib's default level, as Next's
 * own compression and most proxies use). No browser: e2e/page-weight.spec.ts checks the same
 * figure for /connexion against what Chromium really loads, and holds it under its limit.
 *
 *   npx tsx bench/page-weight.ts                 starts the build on port 3430 (stub on 3431)
 *   npx tsx bench/page-weight.ts --url http://127.0.0.1:3000   measures a running server
 *                                                (the new-password page only if it has a Resend
 *                                                stub on the next port, as the e2e servers do)
 * Needs `npm run build` when it starts its own server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fetchForm, postForm } from './load/form';

const PORT = 3430;
const PENDING = { identifier: '00067890', email: 'paul.martin@example.org' };

const urlArgument = process.argv.indexOf('--url');
const given = urlArgument > 0 ? process.argv[urlArgument + 1].replace(/\/$/, '') : undefined;
const base = given ?? `http://127.0.0.1:${PORT}`;
const stubBase = `http://127.0.0.1:${Number(new URL(base).port) + 1}`;

async function waitFor(url: string) {
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * Every script of Next's build that the page's HTML names, in the order first named: its <script>
 * tags and the chunks React's streamed data lists for the client components. The legacy-browser
 * polyfills (`<script noModule>`) are left out: no browser that runs modules loads them.
 */
function scriptsOf(html: string): string[] {
  const noModule = new Set([...html.matchAll(/<script\b[^>]*\bnoModule\b[^>]*>/gi)].map((m) => /src="([^"]+)"/.exec(m[0])?.[1]));
  const named = [...html.matchAll(/(?:\/_next\/)?static\/chunks\/[^"'\\\s<>]+?\.js/g)].map((m) => `/_next/${m[0].replace(/^\/_next\//, '')}`);
  return [...new Set(named)].filter((path) => !noModule.has(path));
}

const scriptCache = new Map<string, Buffer>();
async function body(path: string): Promise<Buffer> {
  if (!scriptCache.has(path)) {
    const response = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    scriptCache.set(path, Buffer.from(await response.arrayBuffer()));
  }
  return scriptCache.get(path)!;
}

type Weight = { page: string; scripts: number; raw: number; gzip: number };

async function weigh(page: string, label = page, cookie?: string): Promise<Weight> {
  const response = await fetch(`${base}${page}`, { headers: { 'accept-language': 'fr', ...(cookie ? { cookie } : {}) } });
  if (!response.ok) throw new Error(`${page}: ${response.status}`);
  const scripts = scriptsOf(await response.text());
  let raw = 0;
  let gzip = 0;
  for (const script of scripts) {
    const bytes = await body(script);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { page: label, scripts: scripts.length, raw, gzip };
}

/** The cookie that opens the new-password form: a reset asked for a pending demo account, its emailed link followed. */
async function resetCookie(): Promise<string | undefined> {
  try {
    if (!(await fetch(`${stubBase}/__health`)).ok) return undefined;
  } catch {
    return undefined;
  }
  const inbox = async () => ((await (await fetch(`${stubBase}/__messages?to=${encodeURIComponent(PENDING.email)}`)).json()) as { text: string }[]);
  const before = (await inbox()).length;
  const form = await fetchForm(`${base}/mot-de-passe-oublie`, ['identifier']);
  await postForm(form, { identifier: PENDING.identifier }, '198.51.100.77');
  for (let i = 0; i < 60; i += 1) {
    const messages = await inbox();
    const link = messages.length > before ? /https?:\/\/\S+\/reinitialisation\/[A-Za-z0-9_-]{43}/.exec(messages[before].text)?.[0] : undefined;
    if (link) {
      const opened = await fetch(`${base}${new URL(link).pathname}`, { redirect: 'manual' });
      return opened.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

let server: ChildProcess | undefined;
let stub: ChildProcess | undefined;
try {
  if (!given) {
    stub = spawn('node', ['e2e/helpers/resend-stub.mjs', String(PORT + 1)], { stdio: 'ignore', detached: true });
    server = spawn('bash', ['e2e/helpers/start-server.sh'], {
      env: { ...process.env, E2E_PORT: String(PORT), RESEND_BASE_URL: stubBase },
      stdio: 'ignore',
      detached: true,
    });
    await waitFor(`${base}/api/health`);
  }
  const weights: Weight[] = [];
  for (const page of ['/', '/connexion', '/mot-de-passe-oublie', '/ouverture-de-compte']) weights.push(await weigh(page));
  weights.push(await weigh('/reinitialisation', '/reinitialisation (no link)'));
  const cookie = await resetCookie();
  if (cookie) weights.push(await weigh('/reinitialisation', '/reinitialisation (new password)', cookie));
  else console.log('(no Resend stub beside the server: the new-password page is left out)');

  console.log(`JavaScript each page's HTML names (loaded before any interaction), ${base}, production build`);
  console.log('(not counted: what a page loads later, as the passkey library for autofill on a named host, or the new-password');
  console.log(" page's strength-meter dictionaries, which e2e/page-weight.spec.ts sees)");
  console.log(`${'page'.padEnd(34)} ${'scripts'.padStart(7)} ${'raw'.padStart(10)} ${'gzipped'.padStart(10)}`);
  for (const w of weights) console.log(`${w.page.padEnd(34)} ${String(w.scripts).padStart(7)} ${kb(w.raw).padStart(10)} ${kb(w.gzip).padStart(10)}`);
} finally {
  for (const child of [server, stub]) {
    try {
      if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
