import { describeError, log } from '@/lib/logger';
import { handleOidcRequest } from '@/lib/oidc/http';
import { viaNode } from '@/lib/oidc/node-bridge';
import { throttleTokenRequest } from '@/lib/oidc/throttle';

/**
 * The OpenID Connect provider's endpoints (lib/oidc/): authorization, token, userinfo, keys,
 * sign-out, and the sign-in step that leads to Sésame's own pages.
 */
export const dynamic = 'force-dynamic';

const serve = async (request: Request) => {
  const url = new URL(request.url);
  try {
    return (await throttleTokenRequest(request, url.pathname)) ?? (await viaNode(request, `${url.pathname}${url.search}`, handleOidcRequest));
  } catch (error) {
    // The throttles' database gone, say: the protocol's error, never a stack trace.
    log.error('oidc provider', { error: describeError(error) });
    return Response.json({ error: 'temporarily_unavailable' }, { status: 503, headers: { 'Retry-After': '30', 'Cache-Control': 'no-store' } });
  }
};

export { serve as GET, serve as POST, serve as OPTIONS };
