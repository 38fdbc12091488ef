import { handleOidcRequest } from '@/lib/oidc/http';
import { viaNode } from '@/lib/oidc/node-bridge';

/**
 * The OpenID Connect provider's endpoints (lib/oidc/): authorization, token, userinfo, keys,
 * sign-out, and the sign-in step that leads to Sésame's own pages.
 */
export const dynamic = 'force-dynamic';

const serve = (request: Request) => {
  const url = new URL(request.url);
  return viaNode(request, `${url.pathname}${url.search}`, handleOidcRequest);
};

export { serve as GET, serve as POST, serve as OPTIONS };
