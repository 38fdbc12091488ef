import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { getConfig } from '@/lib/config';
import { describeError, log } from '@/lib/logger';
import { hashBasicSecret } from '@/lib/oidc/client-secret';
import { handleInteraction } from '@/lib/oidc/interaction';
import { renderErrorPage } from '@/lib/oidc/pages';
import { getProvider, INTERACTION_PATH } from '@/lib/oidc/provider';

/**
 * Every request to the OpenID Connect provider: /.well-known/openid-configuration and /oidc/….
 * A Node request and response, which oidc-provider works on: the App Router's route handlers
 * (app/oidc/[...path]/route.ts, app/.well-known/openid-configuration/route.ts) make them from
 * the web Request with lib/oidc/node-bridge.ts, on a Node host and on Vercel alike
 * (docs/decisions.md).
 */
export async function handleOidcRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  let provider: Provider;
  try {
    provider = await getProvider();
  } catch (error) {
    log.error('oidc provider', { error: describeError(error) });
    return renderErrorPage(response, 503, 'temporarily_unavailable');
  }
  if (path.startsWith(INTERACTION_PATH)) {
    const uid = path.slice(INTERACTION_PATH.length);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(uid)) return renderErrorPage(response, 404, 'not_found');
    return handleInteraction(provider, request, response, uid);
  }
  hashBasicSecret(request);
  pinToAppUrl(request);
  await new Promise<void>((resolve) => {
    response.once('finish', resolve);
    response.once('close', resolve);
    void provider.callback()(request, response);
  });
}

/**
 * The provider builds its URLs (discovery, redirects) from the request's host and scheme, which
 * anyone can forge: they are pinned to APP_URL, as every link of Sésame is. The provider believes
 * these headers (its `proxy` setting, lib/oidc/provider.ts) only because they are written here.
 */
function pinToAppUrl(request: IncomingMessage): void {
  const app = new URL(getConfig().appUrl);
  request.headers.host = app.host;
  request.headers['x-forwarded-host'] = app.host;
  request.headers['x-forwarded-proto'] = app.protocol.slice(0, -1);
}
