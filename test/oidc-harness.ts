import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { GET as discoveryRoute } from '@/app/.well-known/openid-configuration/route';
import { GET as oidcRoute } from '@/app/oidc/[...path]/route';
import { getConfig } from '@/lib/config';
import { addClient } from '@/lib/oidc/clients';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, sessions } from '@/lib/db/schema';
import { cookieName } from '@/lib/http/cookies';
import { createSession } from '@/lib/sessions/sessions';
import { request, resetDatabase } from './database';

/**
 * Sésame as an OpenID Connect provider, driven by openid-client (a certified relying party) over
 * HTTP: the App Router's route handlers themselves (app/oidc/, app/.well-known/), on a local port. The
 * browser's part (following redirects, keeping cookies, signing in to Sésame) is played by
 * `Browser` below; its Sésame session cookie is the one Auth.js writes.
 */
let server: Server;
let local: string;
export const issuer = () => getConfig().appUrl;

/** fetch, with the issuer's origin (APP_URL) sent to the local server. */
export const toLocal = (input: string | URL, init?: RequestInit | oidc.CustomFetchOptions): Promise<Response> => {
  const url = new URL(String(input));
  const target = url.origin === new URL(issuer()).origin ? `${local}${url.pathname}${url.search}` : url.href;
  return fetch(target, init as RequestInit);
};

/** A browser: follows the provider's redirects, keeps its cookies, stops at the app's redirect URI or at Sésame's sign-in. */
export class Browser {
  private cookies = new Map<string, string>();

  async signInToSesame(identifier: string, extra: { secondFactorAt?: Date; method?: 'password' | 'passkey' } = {}): Promise<string> {
    const [account] = await getDb().select().from(accounts).where(eq(accounts.identifier, identifier));
    const sessionId = await createSession(account.id, false, request, { method: extra.method ?? 'password' });
    if (extra.secondFactorAt) await getDb().update(sessions).set({ secondFactorAt: extra.secondFactorAt }).where(eq(sessions.id, sessionId));
    const name = cookieName('session');
    const token = await encode({ token: { sub: account.id, sid: sessionId }, secret: getConfig().authSecrets[0], salt: name });
    this.cookies.set(name, token);
    return sessionId;
  }

  /** Follows redirects from `url` until it leaves the provider; the last URL and response. A form is posted first. */
  async go(url: string, form?: Record<string, string>): Promise<{ url: string; response: Response }> {
    for (let hops = 0; hops < 10; hops += 1) {
      const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const post = hops === 0 && form;
      const response = await toLocal(url, {
        redirect: 'manual',
        method: post ? 'POST' : 'GET',
        headers: { cookie, ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: post ? new URLSearchParams(form).toString() : undefined,
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        const value = pair.slice(eq + 1);
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(pair.slice(0, eq));
        else this.cookies.set(pair.slice(0, eq), value);
      }
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return { url, response };
      url = new URL(location, issuer()).href;
      const at = new URL(url);
      if (at.origin !== new URL(issuer()).origin || !at.pathname.startsWith('/oidc/')) return { url, response };
    }
    throw new Error('too many redirects');
  }
}

export const REDIRECT = 'https://boutique.example/callback';

export async function confidentialClient(extra: Partial<Parameters<typeof addClient>[0]> = {}) {
  const { client, secret } = await addClient({ name: 'Boutique', redirectUris: [REDIRECT], ...extra });
  const config = await oidc.discovery(new URL(issuer()), client.id, undefined, oidc.ClientSecretBasic(secret!), {
    execute: [oidc.allowInsecureRequests],
    [oidc.customFetch]: toLocal,
  });
  config[oidc.customFetch] = toLocal;
  return { client, secret: secret!, config };
}

export async function authorize(config: oidc.Configuration, browser: Browser, params: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid email profile identifier offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    prompt: 'consent',
    ...params,
  });
  const landed = await browser.go(url.href);
  return { landed, verifier, state, nonce };
}

/** What Next.js does with a request: a web Request to the route handler, its Response written back. */
async function serveRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', issuer());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const request = new Request(url, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks) });
  const response = await (url.pathname === '/.well-known/openid-configuration' ? discoveryRoute : oidcRoute)(request);
  const cookies = response.headers.getSetCookie();
  response.headers.delete('set-cookie');
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) });
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** The route handlers on a local port for the test file, and a fresh database before each test. */
export function serveTheProvider(): void {
  beforeAll(async () => {
    server = createServer((req, res) => void serveRoute(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(async () => {
    await resetDatabase();
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await new Promise((resolve) => server.close(resolve));
    await closeDb();
  });

}
