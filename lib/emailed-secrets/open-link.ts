import { cookies } from 'next/headers';
import { audit, type AuditType } from '@/lib/audit';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { blockedFor, hit } from '@/lib/throttles/rate-limit';

/** Unusable links opened from one address per hour, password and email links on one counter: one guesser, one limit. */
const { invalidLinkAddress } = THROTTLE_POLICIES;
export const INVALID_LINKS_PER_IP_HOUR = invalidLinkAddress.limit;
// Long enough to finish the page's form; the link itself stays valid for RESET_TOKEN_TTL_HOURS.
const COOKIE_SECONDS = 3600;

type EmailedLink = {
  /** The cookie that carries the token to the page (its path is the page's). */
  cookie: 'reset' | 'emailChange';
  /** The page with the form, where the browser is sent. */
  page: string;
  /** Whether the token opens anything now (read only: opening a link never uses it). */
  usable: (token: string) => Promise<unknown>;
  /** The audit event of an unusable link. */
  invalidEvent: AuditType;
};

/**
 * Opening an emailed link (GET), for the routes of both kinds (app/reinitialisation/[token]/route.ts,
 * app/espace/email/[token]/route.ts). It changes nothing, since mail scanners open links too: the
 * token moves into a cookie and the browser is sent (303) to the form, so the token leaves the
 * address bar and the Referer. Unusable links are counted per address, and past the limit not even
 * looked up.
 */
export async function openEmailedLink(request: Request, token: string, link: EmailedLink): Promise<Response> {
  const info = requestInfo(request.headers);
  const key = invalidLinkAddress.key(info.ip);
  const jar = await cookies();

  const blocked = (await blockedFor(key, INVALID_LINKS_PER_IP_HOUR, invalidLinkAddress.windowMs)) > 0;
  const found = blocked ? null : await link.usable(token);
  if (found) {
    jar.set(cookieName(link.cookie), token, cookieOptions(link.cookie, COOKIE_SECONDS));
  } else {
    jar.set(cookieName(link.cookie), '', cookieOptions(link.cookie, 0));
    if (!blocked) await hit(key, INVALID_LINKS_PER_IP_HOUR, invalidLinkAddress.windowMs);
    await audit({ type: link.invalidEvent, request: info, details: { blocked } });
  }
  // A relative Location: the browser stays on the host it came from.
  return new Response(null, {
    status: 303,
    headers: { Location: link.page, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
