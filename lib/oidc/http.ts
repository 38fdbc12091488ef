import type { IncomingMessage, ServerResponse } from 'node:http';
import { getConfig } from '@/lib/config';
import { describeError, log } from '@/lib/logger';
import { hashBasicSecret } from '@/lib/oidc/client-secret';
import { handleInteraction } from '@/lib/oidc/interaction';
import { renderErrorPage } from '@/lib/oidc/pages';
import { getProvider, INTERACTION_PATH } from '@/lib/oidc/provider';

const APP_FORM_TARGETS = 'https: http://localhost:* http://127.0.0.1:*';

/**
 * Every request to the OpenID Connect provider: /.well-known/openid-configuration and /oidc/….
 * A Node request and response, which oidc-provider works on: the App Router's route handlers
 * (app/oidc/[...path]/route.ts, app/.well-known/openid-configuration/route.ts) make them from
 * the web Request with lib/oidc/node-bridge.ts, on a Node host and on Vercel alike
 * (docs/decisions.md).
 */
export async function handleOidcRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    await serve(request, response);
  } catch (error) {
    // The database gone, say: a clear page (or the provider's own JSON error), never a stack trace.
    log.error('oidc provider', { error: describeError(error) });
    if (!response.headersSent) renderErrorPage(response, 503, 'temporarily_unavailable');
    else if (!response.writableEnded) response.end();
  }
}

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  // The page's policy, as proxy.ts wrote it for this request: the provider adds the hash of the
  // one script it writes (the form_post page's auto-submit) to it, and proxy.ts leaves it so.
  // Its form-action also lets the form_post page post the code to the app: an address registered
  // and compared exactly (lib/oidc/clients.ts), https, or http on the app's developer's machine.
  const policy = request.headers['content-security-policy'];
  if (typeof policy === 'string') response.setHeader('Content-Security-Policy', policy.replace("form-action 'self'", `form-action 'self' ${APP_FORM_TARGETS}`));
  const path = (request.url ?? '/').split('?')[0];
  const provider = await getProvider();
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
