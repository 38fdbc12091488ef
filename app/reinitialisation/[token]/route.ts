import { audit } from '@/lib/audit';
import { findUsableLink } from '@/lib/password-links/tokens';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { HOUR } from '@/lib/clock';
import { blockedFor, hit } from '@/lib/rate-limit';
import { addressBucket } from '@/lib/http/client-address';
import { requestInfo } from '@/lib/http/request-info';
import { cookies } from 'next/headers';

export const INVALID_LINKS_PER_IP_HOUR = 20;
// Long enough to choose a password; the link itself stays valid for RESET_TOKEN_TTL_HOURS.
const RESET_COOKIE_SECONDS = 3600;

/**
 * The emailed link. Opening it never uses it (mail scanners open links too): it moves the token
 * into a cookie and redirects (303) to the form, so the token leaves the address bar.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const info = requestInfo(request.headers);
  const key = `link-invalid:ip:${addressBucket(info.ip)}`;
  const jar = await cookies();

  const blocked = (await blockedFor(key, INVALID_LINKS_PER_IP_HOUR, HOUR)) > 0;
  const account = blocked ? null : await findUsableLink(token);
  if (account) {
    jar.set(cookieName('reset'), token, cookieOptions('reset', RESET_COOKIE_SECONDS));
  } else {
    jar.set(cookieName('reset'), '', cookieOptions('reset', 0));
    if (!blocked) await hit(key, INVALID_LINKS_PER_IP_HOUR, HOUR);
    await audit({ type: 'reset_link_invalid', request: info, details: { blocked } });
  }
  // A relative Location: the browser stays on the host it came from.
  return new Response(null, {
    status: 303,
    headers: { Location: '/reinitialisation', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
