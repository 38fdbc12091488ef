import { audit } from '@/lib/audit';
import { findUsableLink } from '@/lib/auth/password-links';
import { RESET_COOKIE, resetCookieOptions } from '@/lib/auth/reset-cookie';
import { blockedFor, hit, HOUR } from '@/lib/rate-limit';
import { requestInfo } from '@/lib/request-info';
import { cookies } from 'next/headers';

export const INVALID_LINKS_PER_IP_HOUR = 20;

/**
 * The emailed link. Opening it never uses it (mail scanners open links too): it moves the token
 * into a cookie and redirects (303) to the form, so the token leaves the address bar.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const info = requestInfo(request.headers);
  const key = `link-invalid:ip:${info.ip}`;
  const jar = await cookies();

  const blocked = (await blockedFor(key, INVALID_LINKS_PER_IP_HOUR, HOUR)) > 0;
  const account = blocked ? null : await findUsableLink(token);
  if (account) {
    jar.set(RESET_COOKIE, token, resetCookieOptions());
  } else {
    jar.set(RESET_COOKIE, '', resetCookieOptions(0));
    if (!blocked) await hit(key, INVALID_LINKS_PER_IP_HOUR, HOUR);
    await audit({ type: 'reset_link_invalid', request: info, details: { blocked } });
  }
  // A relative Location: the browser stays on the host it came from.
  return new Response(null, {
    status: 303,
    headers: { Location: '/reinitialisation', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
