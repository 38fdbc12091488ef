import { cookies } from 'next/headers';
import { audit } from '@/lib/audit';
import { HOUR } from '@/lib/clock';
import { findUsableEmailChange } from '@/lib/email-change/links';
import { addressBucket } from '@/lib/http/client-address';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';
import { blockedFor, hit } from '@/lib/rate-limit';

// The same budget as password links, on the same counter: one guesser, one limit.
const INVALID_LINKS_PER_IP_HOUR = 20;
// Long enough to press the button; the link itself stays valid for RESET_TOKEN_TTL_HOURS.
const COOKIE_SECONDS = 3600;

/**
 * The link emailed to a new address. Opening it changes nothing (mail scanners open links): the
 * token moves into a cookie and the browser is sent (303) to the page with the confirm button.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const info = requestInfo(request.headers);
  const key = `link-invalid:ip:${addressBucket(info.ip)}`;
  const jar = await cookies();

  const blocked = (await blockedFor(key, INVALID_LINKS_PER_IP_HOUR, HOUR)) > 0;
  const change = blocked ? null : await findUsableEmailChange(token);
  if (change) {
    jar.set(cookieName('emailChange'), token, cookieOptions('emailChange', COOKIE_SECONDS));
  } else {
    jar.set(cookieName('emailChange'), '', cookieOptions('emailChange', 0));
    if (!blocked) await hit(key, INVALID_LINKS_PER_IP_HOUR, HOUR);
    await audit({ type: 'email_change_link_invalid', request: info, details: { blocked } });
  }
  // A relative Location: the browser stays on the host it came from.
  return new Response(null, {
    status: 303,
    headers: { Location: '/espace/email', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
