import Provider, { interactionPolicy, type Configuration } from 'oidc-provider';
import { MINUTE, DAY, HOUR } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { DatabaseAdapter } from '@/lib/oidc/adapter';
import { auditProvider } from '@/lib/oidc/audit-events';
import { ACR_ONE_FACTOR, ACR_TWO_FACTORS, CLAIMS, findAccount, SCOPES } from '@/lib/oidc/claims';
import { renderProviderError, renderLogout, renderLogoutDone } from '@/lib/oidc/pages';
import { dropOldKeys, signingKeys } from '@/lib/oidc/keys';
import { sesameSessionOf } from '@/lib/oidc/sesame-session';
import { processSlot } from '@/lib/singleton';

/**
 * Sésame as the OpenID Connect provider of the organisation's other apps, on oidc-provider (an
 * OpenID Certified implementation; docs/decisions.md says why, and how it is served). What is
 * Sésame's own: the clients operators register (clients.ts), the storage (adapter.ts), the keys
 * (keys.ts), the claims (claims.ts), and the sign-in, which is Sésame's (interaction.ts): the
 * provider never keeps a sign-in of its own past the Sésame session it came from.
 *
 * Endpoints: /.well-known/openid-configuration, then /oidc/… (pages/api/oidc/[[...path]].ts).
 */
const { Check, base } = interactionPolicy;

export const ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  jwks: '/oidc/jwks',
  end_session: '/oidc/session/end',
  revocation: '/oidc/token/revocation',
} as const;

export const INTERACTION_PATH = '/oidc/interaction/';

/** Someone else's app, registered with `clients add --third-party`. */
export const isThirdParty = (client: unknown) => Boolean((client as { sesame_third_party?: boolean } | undefined)?.sesame_third_party);

/** The second factor a client asks for: on all its sign-ins (registered so), or on this one (`acr_values`). */
export function wantsTwoFactors(client: unknown, acrValues: unknown): boolean {
  const required = (client as { sesame_require_second_factor?: boolean } | undefined)?.sesame_require_second_factor;
  return Boolean(required) || String(acrValues ?? '').split(' ').includes(ACR_TWO_FACTORS);
}

/**
 * oidc-provider's own rules for asking to sign in, and two of Sésame's: the provider's session
 * must belong to a Sésame session still open for the same account (signing out of Sésame signs
 * out of every app's next request), and a client that wants a second factor gets one.
 */
function signInPolicy() {
  const policy = base();
  const login = policy.get('login')!;
  login.checks.add(
    new Check('sesame_session', 'The Sésame session ended or belongs to another account', async (ctx) => {
      const user = await sesameSessionOf(ctx.req);
      const open = user !== null && user.secondFactor === null && user.id === ctx.oidc.session?.accountId;
      return open ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  login.checks.add(
    new Check('second_factor', 'This app requires a second factor', (ctx) =>
      wantsTwoFactors(ctx.oidc.client, ctx.oidc.params?.acr_values) && ctx.oidc.acr !== ACR_TWO_FACTORS ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  );
  return policy;
}

function configuration(keys: Configuration['jwks']): Configuration {
  const { authSecrets } = getConfig();
  return {
    adapter: DatabaseAdapter,
    findAccount,
    jwks: keys,
    claims: CLAIMS,
    scopes: [...SCOPES],
    acrValues: [ACR_ONE_FACTOR, ACR_TWO_FACTORS],
    responseTypes: ['code'],
    // Public clients (no secret) must prove the code is theirs; S256 is the only method offered.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    routes: ROUTES,
    // The ID token carries the claims of the scopes granted, not only `sub`: most apps read it alone.
    conformIdTokenClaims: false,
    extraClientMetadata: { properties: ['sesame_require_second_factor', 'sesame_third_party'] },
    clientAuthMethods: ['client_secret_basic', 'none'],
    cookies: { keys: authSecrets, long: { signed: true }, short: { signed: true } },
    ttl: {
      AuthorizationCode: MINUTE / 1000,
      AccessToken: HOUR / 1000,
      IdToken: HOUR / 1000,
      Interaction: (10 * MINUTE) / 1000,
      RefreshToken: (30 * DAY) / 1000,
      Grant: (30 * DAY) / 1000,
      Session: (30 * DAY) / 1000,
    },
    // Refresh tokens to the clients that ask (`offline_access`) and are allowed to.
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}${interaction.uid}`, policy: signInPolicy() },
    // The organisation's own apps: what they ask for is granted, no consent page. Someone else's
    // app (`thirdParty`) gets only what the person agreed to on the consent page (interaction.ts).
    loadExistingGrant: async (ctx) => {
      const { session, client, provider } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (isThirdParty(client)) return existing ? provider.Grant.find(existing) : undefined;
      const grant = existing ? await provider.Grant.find(existing) : new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      if (!grant) return undefined;
      grant.addOIDCScope(SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    // A browser app (a public client) may call the token endpoint from the origin of its redirect URIs.
    clientBasedCORS: (_ctx, origin, client) => client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: renderLogout, postLogoutSuccessSource: renderLogoutDone },
    },
    renderError: renderProviderError,
    // oidc-provider refuses to call private and loopback addresses (back-channel logout), against
    // SSRF. A Sésame that itself runs on this machine (APP_URL on localhost: a developer's, the
    // tests') may call an app on this machine too, as it may register one (lib/oidc/clients.ts).
    fetch: (url, options) => {
      if (onThisMachine(getConfig().appUrl) && onThisMachine(String(url))) delete (options as { dispatcher?: unknown }).dispatcher;
      return fetch(url, options);
    },
  };
}

const onThisMachine = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

type Built = { provider: Provider; fingerprint: string; checkedAt: number };
type State = { built: Built | null; building: Promise<Built> | null };
const slot = processSlot<State>('__sesameOidcProvider');
const state: State = (slot.value ??= { built: null, building: null });

// How often a process looks for a new signing key (lib/oidc/keys.ts waits longer before using one).
const KEYS_CHECK_MS = MINUTE;

/** This process's provider, built again when the published keys change. */
export async function getProvider(): Promise<Provider> {
  const current = state.built;
  if (current && Date.now() - current.checkedAt < KEYS_CHECK_MS) return current.provider;
  state.building ??= build(current).finally(() => {
    state.building = null;
  });
  return (await state.building).provider;
}

async function build(current: Built | null): Promise<Built> {
  await dropOldKeys();
  const { keys, fingerprint } = await signingKeys();
  if (current && current.fingerprint === fingerprint) {
    current.checkedAt = Date.now();
    return current;
  }
  const provider = new Provider(getConfig().appUrl, configuration({ keys: keys as NonNullable<Configuration['jwks']>['keys'] }));
  // The scheme and host it reads are APP_URL's, written by lib/oidc/http.ts over whatever was sent.
  provider.proxy = true;
  auditProvider(provider);
  state.built = { provider, fingerprint, checkedAt: Date.now() };
  return state.built;
}
