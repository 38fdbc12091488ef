import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { audit } from '@/lib/audit';
import { plainPage } from '@/lib/http/plain-page';
import { translator } from '@/lib/i18n/messages';
import { ACR_TWO_FACTORS, authenticationOf, SCOPES } from '@/lib/oidc/claims';
import { localeOf, renderErrorPage, sendPage } from '@/lib/oidc/pages';
import { consentPage } from '@/lib/oidc/consent';
import { INTERACTION_PATH, isThirdParty, wantsTwoFactors } from '@/lib/oidc/provider';
import { sesameSessionOf } from '@/lib/oidc/sesame-session';
import { secondFactorPath } from '@/lib/sign-in/second-step';

/**
 * Where the provider sends a person who must sign in for an app: Sésame's own sign-in. Signed
 * out, they go to /connexion (every method: password, code, passkey, with or without JavaScript)
 * and come back here; signed in, the provider learns who they are and how they signed in, and
 * sends them back to the app. The provider's session never outlives the Sésame one
 * (lib/oidc/provider.ts checks it on every authorization request).
 */
export async function handleInteraction(provider: Provider, request: IncomingMessage, response: ServerResponse, uid: string): Promise<void> {
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(request, response);
  } catch {
    // Expired (10 minutes), or a cookie from another browser: the app must start again.
    return renderErrorPage(response, 400, 'interaction_expired');
  }
  if (details.uid !== uid) return renderErrorPage(response, 400, 'interaction_expired');

  const user = await sesameSessionOf(request);
  const returnTo = `${INTERACTION_PATH}${uid}`;
  if (!user) return redirect(response, `/connexion?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (user.secondFactor) return redirect(response, secondFactorPath(user.secondFactor, returnTo));

  const clientId = String(details.params.client_id);
  const client = (await provider.Client.find(clientId)) as unknown as { clientName?: string } | undefined;
  const { amr, acr } = authenticationOf(user);
  const lang = localeOf(request);
  if (wantsTwoFactors(client, details.params.acr_values) && acr !== ACR_TWO_FACTORS) {
    await audit({ type: 'oidc_sign_in_refused', accountId: user.id, identifier: user.identifier, details: { client: clientId, reason: 'second_factor_required' } });
    const t = translator(lang);
    const page = plainPage([
      {
        lang,
        title: t('openIdConnect.secondFactorTitle'),
        paragraphs: [t('openIdConnect.secondFactorText', { app: client?.clientName ?? clientId })],
        link: { href: '/espace', label: t('openIdConnect.secondFactorLink') },
      },
    ]);
    return sendPage(response, 403, page);
  }

  const thirdParty = isThirdParty(client);
  const signedIn = details.session?.accountId === user.id && details.prompt.name !== 'login';
  if (!signedIn) {
    const login = { accountId: user.id, amr, acr, ts: Math.floor(Date.now() / 1000) };
    // Someone else's app asks next, on the consent page; the organisation's own apps get what they
    // ask for without one. An explicit `prompt=consent` (which refresh tokens need, OpenID Connect
    // Core §11) is answered the same way.
    if (thirdParty) return void (await provider.interactionFinished(request, response, { login }, { mergeWithLastSubmission: false }));
    return void (await provider.interactionFinished(request, response, { login, consent: { grantId: await grantAll(provider, details, user.id, clientId) } }, { mergeWithLastSubmission: false }));
  }
  if (!thirdParty) {
    return void (await provider.interactionFinished(request, response, { consent: { grantId: await grantAll(provider, details, user.id, clientId) } }, { mergeWithLastSubmission: true }));
  }

  const asked = [...((details.prompt.details.missingOIDCScope as string[] | undefined) ?? []), ...String(details.params.scope ?? '').split(' ')];
  if (request.method !== 'POST') {
    return sendPage(response, 200, consentPage({ locale: lang, app: client?.clientName ?? clientId, scopes: [...new Set(asked)], action: returnTo, user }));
  }
  const decision = new URLSearchParams(await bodyOf(request)).get('decision');
  if (decision !== 'allow') {
    await audit({ type: 'oidc_consent_refused', accountId: user.id, identifier: user.identifier, details: { client: clientId } });
    return void (await provider.interactionFinished(
      request,
      response,
      { error: 'access_denied', error_description: 'The person did not allow this app to use their account' },
      { mergeWithLastSubmission: false },
    ));
  }
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: user.id, clientId });
  if (!grant || grant.accountId !== user.id) return renderErrorPage(response, 400, 'interaction_expired');
  // Only what was asked and shown on the page, within what Sésame offers.
  grant.addOIDCScope(asked.filter((scope) => (SCOPES as readonly string[]).includes(scope)).join(' '));
  const grantId = await grant.save();
  await audit({ type: 'oidc_consent_given', accountId: user.id, identifier: user.identifier, details: { client: clientId, scopes: [...new Set(asked)] } });
  await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** The organisation's own apps: a grant of every scope Sésame offers, saved under the interaction's grant. */
async function grantAll(provider: Provider, details: Awaited<ReturnType<Provider['interactionDetails']>>, accountId: string, clientId: string): Promise<string> {
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  grant.addOIDCScope(SCOPES.join(' '));
  return grant.save();
}

/** A posted form's body (the consent page's, a few bytes). */
async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 10_000) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.setHeader('Cache-Control', 'no-store');
  response.end();
}
