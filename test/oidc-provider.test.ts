import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { createLocalJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appsOfAccount, clientsForAdmin } from '@/lib/oidc/admin-views';
import { addClient } from '@/lib/oidc/clients';
import { throttleTokenRequest } from '@/lib/oidc/throttle';
import { GET as discoveryRoute } from '@/app/.well-known/openid-configuration/route';
import { GET as oidcRoute } from '@/app/oidc/[...path]/route';
import { getConfig } from '@/lib/config';
import { closeDb, getDb } from '@/lib/db/client';
import { accounts, auditEvents, sessions } from '@/lib/db/schema';
import { cookieName } from '@/lib/http/cookies';
import { createSession, endSessionsOf } from '@/lib/sessions/sessions';
import { request, resetDatabase } from './database';

/**
 * Sésame as an OpenID Connect provider, driven by openid-client (a certified relying party) over
 * HTTP: the App Router's route handlers themselves (app/oidc/, app/.well-known/), on a local port. The
 * browser's part (following redirects, keeping cookies, signing in to Sésame) is played by
 * `Browser` below; its Sésame session cookie is the one Auth.js writes.
 */
let server: Server;
let local: string;
const issuer = () => getConfig().appUrl;

/** fetch, with the issuer's origin (APP_URL) sent to the local server. */
const toLocal = (input: string | URL, init?: RequestInit | oidc.CustomFetchOptions): Promise<Response> => {
  const url = new URL(String(input));
  const target = url.origin === new URL(issuer()).origin ? `${local}${url.pathname}${url.search}` : url.href;
  return fetch(target, init as RequestInit);
};

/** A browser: follows the provider's redirects, keeps its cookies, stops at the app's redirect URI or at Sésame's sign-in. */
class Browser {
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

const REDIRECT = 'https://boutique.example/callback';

async function confidentialClient(extra: Partial<Parameters<typeof addClient>[0]> = {}) {
  const { client, secret } = await addClient({ name: 'Boutique', redirectUris: [REDIRECT], ...extra });
  const config = await oidc.discovery(new URL(issuer()), client.id, undefined, oidc.ClientSecretBasic(secret!), {
    execute: [oidc.allowInsecureRequests],
    [oidc.customFetch]: toLocal,
  });
  config[oidc.customFetch] = toLocal;
  return { client, secret: secret!, config };
}

async function authorize(config: oidc.Configuration, browser: Browser, params: Record<string, string> = {}) {
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

describe('the OpenID Connect provider', () => {
  it('publishes its discovery document and keys: code flow only, S256 only', async () => {
    const response = await toLocal(`${issuer()}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = await response.json();
    expect(discovery, JSON.stringify(discovery)).toMatchObject({
      issuer: issuer(),
      authorization_endpoint: `${issuer()}/oidc/auth`,
      token_endpoint: `${issuer()}/oidc/token`,
      jwks_uri: `${issuer()}/oidc/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).not.toContain('implicit');
    const jwks = await (await toLocal(discovery.jwks_uri)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs a member in with the code flow and PKCE: Sésame\'s sign-in first, then claims, userinfo, a refresh', async () => {
    const { config, client } = await confidentialClient();
    const browser = new Browser();
    const first = await authorize(config, browser);
    // Signed out: Sésame's own sign-in page, which comes back to the interaction.
    expect(first.landed.url).toMatch(new RegExp(`^${issuer()}/connexion\\?callbackUrl=%2Foidc%2Finteraction%2F`));

    await browser.signInToSesame('00123456');
    const back = await browser.go(new URL(first.landed.url).searchParams.get('callbackUrl')!.replace(/^/, issuer()));
    expect(back.url, `${back.response.status} ${await back.response.text()}`).toMatch(new RegExp(`^${REDIRECT}\\?`));
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
      expectedNonce: first.nonce,
    });
    const claims = tokens.claims()!;
    const [marie] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
    expect(claims).toMatchObject({
      iss: issuer(),
      aud: client.id,
      sub: marie.id,
      email: 'marie.dupont@example.org',
      email_verified: true,
      name: 'Marie Dupont',
      identifier: '00123456',
      identifier_kind: 'licence',
      amr: ['pwd'],
      acr: 'urn:sesame:acr:password',
    });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, marie.id);
    expect(userinfo).toMatchObject({ sub: marie.id, identifier: '00123456', locale: 'fr' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(marie.id);

    // Already signed in: straight back to the app.
    const again = await authorize(config, browser);
    expect(again.landed.url.startsWith(`${REDIRECT}?`)).toBe(true);

    const types = (await getDb().select({ type: auditEvents.type }).from(auditEvents)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['oidc_sign_in', 'oidc_token_issued']));
    // What staff see: the app and its sign-ins, and on the account's page the apps it used.
    expect(await clientsForAdmin()).toEqual([expect.objectContaining({ id: client.id, name: 'Boutique', confidential: true, signIns30Days: 2 })]);
    expect(await appsOfAccount(marie.id)).toEqual([expect.objectContaining({ clientId: client.id, name: 'Boutique', signIns: 2 })]);
  });

  it('refuses a replayed code, and revokes what the first use issued', async () => {
    const { config } = await confidentialClient();
    const browser = new Browser();
    await browser.signInToSesame('00123456');
    const { landed, verifier, state, nonce } = await authorize(config, browser);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    await expect(oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('revokes refresh tokens when the account\'s sessions end (a reset, a disabled account, "close my other sessions")', async () => {
    const { config } = await confidentialClient();
    const browser = new Browser();
    await browser.signInToSesame('00123456');
    const { landed, verifier, state, nonce } = await authorize(config, browser);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const [marie] = await getDb().select().from(accounts).where(eq(accounts.identifier, '00123456'));
    await endSessionsOf(getDb(), [marie.id], 'password_reset');
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // And the next authorization asks to sign in again.
    const next = await authorize(config, browser);
    expect(next.landed.url).toContain('/connexion?callbackUrl=');
  });

  it('refuses a redirect URI that was not registered, on its own page, without redirecting', async () => {
    const { config } = await confidentialClient();
    const { landed } = await authorize(config, new Browser(), { redirect_uri: 'https://evil.example/callback' });
    expect(landed.response.status).toBe(400);
    const page = await landed.response.text();
    expect(page).toContain('invalid_redirect_uri');
    expect(page).toContain('Connexion à l’application impossible');
  });

  it('refuses a wrong secret with invalid_client', async () => {
    const { client } = await confidentialClient();
    const wrong = await oidc.discovery(new URL(issuer()), client.id, undefined, oidc.ClientSecretBasic('not-the-secret'), {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: toLocal,
    });
    wrong[oidc.customFetch] = toLocal;
    await expect(oidc.refreshTokenGrant(wrong, 'whatever')).rejects.toMatchObject({ status: 401, cause: [{ parameters: { error: 'invalid_client' } }] });
  });

  it('makes public clients use PKCE', async () => {
    const { client } = await addClient({ name: 'Appli mobile', redirectUris: [REDIRECT], public: true });
    const response = await toLocal(`${issuer()}/oidc/auth?client_id=${client.id}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('gives a client that requires a second factor only sessions that had one', async () => {
    const { config } = await confidentialClient({ requireSecondFactor: true });
    const oneFactor = new Browser();
    await oneFactor.signInToSesame('00123456');
    const refused = await authorize(config, oneFactor);
    expect(refused.landed.response.status).toBe(403);
    expect(await refused.landed.response.text()).toContain('Deuxième facteur demandé');

    const twoFactors = new Browser();
    await twoFactors.signInToSesame('00123456', { secondFactorAt: new Date() });
    const { landed, verifier, state, nonce } = await authorize(config, twoFactors);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()).toMatchObject({ amr: ['pwd', 'otp', 'mfa'], acr: 'urn:sesame:acr:two-factors' });
  });

  it('counts token requests per client and address: 600 a minute, then the protocol\'s error', async () => {
    const { client } = await confidentialClient();
    const tokenRequest = () =>
      new Request(`${issuer()}/oidc/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${client.id}:wrong`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.9' },
        body: 'grant_type=refresh_token&refresh_token=x',
      });
    // 610 at once: no more than 600 go through to the provider. Each request counts on both keys,
    // whose orders may differ: the 600th of one can be the 601st of the other, so a few fewer may pass.
    const answers = await Promise.all(Array.from({ length: 610 }, () => throttleTokenRequest(tokenRequest(), '/oidc/token')));
    const through = answers.filter((a) => a === null).length;
    expect(through).toBeLessThanOrEqual(600);
    expect(through).toBeGreaterThanOrEqual(590);
    const throttled = answers.find((a) => a !== null)!;
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('60');
    expect(await throttled.json()).toMatchObject({ error: 'temporarily_unavailable' });
    // Through the endpoint, the same answer, and the provider never sees it.
    const response = await toLocal(`${issuer()}/oidc/token`, { method: 'POST', headers: Object.fromEntries(tokenRequest().headers), body: 'grant_type=refresh_token&refresh_token=x' });
    expect(response.status).toBe(429);
    const refusals = await getDb().select().from(auditEvents).where(eq(auditEvents.type, 'oidc_token_refused'));
    expect(refusals.every((e) => (e.details as { error: string }).error === 'throttled')).toBe(true);
  });

  it('asks before someone else\'s app learns anything, once, and tells it when the person refuses', async () => {
    const { config } = await confidentialClient({ name: 'Club voisin', thirdParty: true });
    const browser = new Browser();
    await browser.signInToSesame('00123456');
    const first = await authorize(config, browser);
    expect(first.landed.response.status).toBe(200);
    const page = await first.landed.response.text();
    expect(page).toContain('Autoriser Club voisin ?');
    expect(page).toContain('votre numéro de licence');
    expect(page).toContain('votre adresse e-mail');
    expect(page).not.toMatch(/<script/i);
    const allowed = await browser.go(first.landed.url, { decision: 'allow' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(allowed.url), { pkceCodeVerifier: first.verifier, expectedState: first.state, expectedNonce: first.nonce });
    expect(tokens.claims()).toMatchObject({ identifier: '00123456' });

    // Another person says no: the app learns it, in the protocol's words.
    const other = new Browser();
    await other.signInToSesame('00024680');
    const asked = await authorize(config, other);
    const refused = await other.go(asked.landed.url, { decision: 'deny' });
    expect(new URL(refused.url).searchParams.get('error')).toBe('access_denied');
    const types = (await getDb().select({ type: auditEvents.type }).from(auditEvents)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['oidc_consent_given', 'oidc_consent_refused']));
  });

  it('signs out of Sésame from the app (RP-initiated logout) and tells the apps that asked, by back-channel', async () => {
    // The shop's back-channel endpoint, which receives a signed logout token.
    const received: string[] = [];
    const shop = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const backChannel = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/backchannel`;
    try {
      const { config, client } = await confidentialClient({ backChannelLogoutUri: backChannel, postLogoutRedirectUris: ['https://boutique.example/au-revoir'] });
      const browser = new Browser();
      const sessionId = await browser.signInToSesame('00123456');
      const { landed, verifier, state, nonce } = await authorize(config, browser);
      const tokens = await oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });

      const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://boutique.example/au-revoir' });
      const question = await browser.go(end.href);
      const page = await question.response.text();
      expect(page).toContain('Voulez-vous vous déconnecter de Sésame ?');
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1];
      const action = new URL(/action="([^"]+)"/.exec(page)![1], issuer()).href;
      const done = await browser.go(action, { xsrf, logout: 'yes' });
      expect(done.url).toBe('https://boutique.example/au-revoir');

      // The Sésame session is ended, and the shop got a logout token signed by the provider's key.
      await expect.poll(async () => (await getDb().select().from(sessions).where(eq(sessions.id, sessionId)))[0].endedAt).not.toBeNull();
      expect(received).toHaveLength(1);
      const { payload } = await jwtVerify(received[0], createLocalJWKSet(await (await toLocal(`${issuer()}/oidc/jwks`)).json()), { issuer: issuer(), audience: client.id });
      expect(payload.events).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);
      expect(payload.sub).toBe(tokens.claims()!.sub);
    } finally {
      await new Promise((resolve) => shop.close(resolve));
    }
  });
});
