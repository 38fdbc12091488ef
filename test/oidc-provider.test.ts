import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { accounts, auditEvents } from '@/lib/db/schema';
import { authorize, Browser, confidentialClient, issuer, REDIRECT, toLocal, serveTheProvider } from './oidc-harness';
import { appsOfAccount, clientsForAdmin } from '@/lib/oidc/admin-views';
import { addClient } from '@/lib/oidc/clients';
import { endSessionsOf } from '@/lib/sessions/sessions';

/**
 * Sésame as an OpenID Connect provider, driven by openid-client (a certified relying party) over
 * HTTP, through the App Router's route handlers (test/oidc-harness.ts): discovery, the code flow,
 * refresh, replay, redirect URIs, secrets, PKCE, a required second factor.
 */
serveTheProvider();

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

  it('gives tokens for a code at most once when it is exchanged 20 times at once, and revokes them then', async () => {
    const { config } = await confidentialClient();
    const browser = new Browser();
    await browser.signInToSesame('00123456');
    const { landed, verifier, state, nonce } = await authorize(config, browser);
    const exchanges = await Promise.allSettled(
      Array.from({ length: 20 }, () => oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })),
    );
    const given = exchanges.flatMap((e) => (e.status === 'fulfilled' ? [e.value] : []));
    expect(given.length).toBeLessThanOrEqual(1);
    for (const e of exchanges) if (e.status === 'rejected') expect(e.reason).toMatchObject({ error: 'invalid_grant' });
    // The code was used more than once: what it gave opens nothing.
    for (const tokens of given) await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
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
});
