import { handleOidcRequest } from '@/lib/oidc/http';
import { viaNode } from '@/lib/oidc/node-bridge';

/** The OpenID Connect discovery document (lib/oidc/provider.ts). */
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => viaNode(request, '/.well-known/openid-configuration', handleOidcRequest);
