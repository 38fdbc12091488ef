import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { countWithinLimit } from '@/lib/throttles/rate-limit';
import { requestInfo } from '@/lib/http/request-info';
import { audit } from '@/lib/audit';
import { basicCredentials } from '@/lib/oidc/client-secret';
import { ROUTES } from '@/lib/oidc/provider';

/**
 * The provider's token and revocation endpoints take requests from apps' servers (and from
 * browser apps): counted per client id as sent and per address before the provider does any work
 * (lib/throttles/policies.ts `oidcTokenClient`, `oidcTokenAddress`). Past a limit the answer is
 * the protocol's JSON error, with Retry-After; nothing reaches the provider.
 */
const THROTTLED_PATHS = new Set<string>([ROUTES.token, ROUTES.revocation]);

export async function throttleTokenRequest(request: Request, path: string): Promise<Response | null> {
  if (request.method !== 'POST' || !THROTTLED_PATHS.has(path)) return null;
  const { ip } = requestInfo(request.headers);
  const clientId = (await clientIdOf(request)).slice(0, 100);
  const [byAddress, byClient] = await Promise.all([
    countWithinLimit(THROTTLE_POLICIES.oidcTokenAddress, ip),
    clientId ? countWithinLimit(THROTTLE_POLICIES.oidcTokenClient, clientId) : Promise.resolve(true),
  ]);
  if (byAddress && byClient) return null;
  await audit({ type: 'oidc_token_refused', request: { ip, userAgent: '' }, details: { client: clientId || null, error: 'throttled' } });
  return Response.json(
    { error: 'temporarily_unavailable', error_description: 'Too many requests from this client or address: try again in a minute.' },
    { status: 429, headers: { 'Retry-After': '60', 'Cache-Control': 'no-store' } },
  );
}

/** The client id of HTTP Basic credentials, or of the form (a public client). */
async function clientIdOf(request: Request): Promise<string> {
  const authorization = request.headers.get('authorization');
  const basic = basicCredentials(authorization);
  if (basic) return basic.id;
  // Credentials that do not decode are counted too, under what was sent.
  if (authorization && /^basic\s/i.test(authorization)) return authorization.slice(6);
  if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return '';
  return new URLSearchParams(await request.clone().text()).get('client_id') ?? '';
}
