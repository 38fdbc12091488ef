import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { auditEvents, sessions } from '@/lib/db/schema';
import { authorize, Browser, confidentialClient, issuer, serveTheProvider, toLocal } from './oidc-harness';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { throttleTokenRequest } from '@/lib/oidc/throttle';

/**
 * The provider's limits and the person's say: token endpoint throttles, the consent page of
 * someone else's app, RP-initiated logout and back-channel logout (test/oidc-harness.ts).
 */
serveTheProvider();

describe('the OpenID Connect provider, limits and consent', () => {
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
