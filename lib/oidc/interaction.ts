import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { audit } from '@/lib/audit';
import { plainPage } from '@/lib/http/plain-page';
import { translator } from '@/lib/i18n/messages';
import { ACR_TWO_FACTORS, authenticationOf, SCOPES } from '@/lib/oidc/claims';
import { localeOf, renderErrorPage } from '@/lib/oidc/pages';
import { INTERACTION_PATH } from '@/lib/oidc/provider';
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
  const client = (await provider.Client.find(clientId)) as unknown as { clientName?: string; sesame_require_second_factor?: boolean } | undefined;
  const { amr, acr } = authenticationOf(user);
  const askedTwo = String(details.params.acr_values ?? '').split(' ').includes(ACR_TWO_FACTORS);
  if ((client?.sesame_require_second_factor || askedTwo) && acr !== ACR_TWO_FACTORS) {
    await audit({ type: 'oidc_sign_in_refused', accountId: user.id, identifier: user.identifier, details: { client: clientId, reason: 'second_factor_required' } });
    const t = translator(localeOf(request));
    response.statusCode = 403;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(
      plainPage([
        {
          lang: localeOf(request),
          title: t('openIdConnect.secondFactorTitle'),
          paragraphs: [t('openIdConnect.secondFactorText', { app: client?.clientName ?? clientId })],
          link: { href: '/espace', label: t('openIdConnect.secondFactorLink') },
        },
      ]),
    );
    return;
  }

  await audit({ type: 'oidc_sign_in', accountId: user.id, identifier: user.identifier, details: { client: clientId, amr } });
  // The organisation's own apps get what they ask for without a consent page; an explicit
  // `prompt=consent` (which refresh tokens need, OpenID Connect Core §11) is answered the same way.
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: user.id, clientId });
  if (!grant || grant.accountId !== user.id) return renderErrorPage(response, 400, 'interaction_expired');
  grant.addOIDCScope(SCOPES.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.id, amr, acr, ts: Math.floor(Date.now() / 1000) }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.setHeader('Cache-Control', 'no-store');
  response.end();
}
