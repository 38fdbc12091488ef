import type { NextApiRequest, NextApiResponse } from 'next';
import { handleOidcRequest } from '@/lib/oidc/http';

/**
 * The OpenID Connect provider (lib/oidc/). A Pages Router API route because it is the one kind of
 * Next.js route that hands over Node's request and response, which oidc-provider works on, on a
 * Node host and on Vercel alike (docs/decisions.md). next.config.ts rewrites the public paths
 * (/.well-known/openid-configuration, /oidc/…) here; the provider sees them as they were asked.
 */
export const config = { api: { bodyParser: false, externalResolver: true } };

export default async function oidc(request: NextApiRequest, response: NextApiResponse): Promise<void> {
  await handleOidcRequest(request, response);
}
