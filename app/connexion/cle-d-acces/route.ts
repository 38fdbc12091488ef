import { NextResponse, type NextRequest } from 'next/server';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';
import { CHALLENGE_TTL_MS } from '@/lib/passkeys/challenges';
import { authenticationOptions } from '@/lib/passkeys/passkeys';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { countWithinLimit } from '@/lib/throttles/rate-limit';

export const dynamic = 'force-dynamic';

/**
 * Options for a sign-in with any passkey of this site, for the button and the browser's autofill.
 * A GET rather than a server action: the autofill asks for them as the page opens, and a form's
 * POST is then the only POST a sign-in page makes. The browser's challenge key goes in a cookie.
 */
export async function GET(request: NextRequest) {
  if (!(await countWithinLimit(THROTTLE_POLICIES.passkeyOptionsAddress, requestInfo(request.headers).ip))) {
    return NextResponse.json({ message: { key: 'passkeys.errors.tooMany' } }, { status: 429, headers: { 'Cache-Control': 'no-store' } });
  }
  const { options, token } = await authenticationOptions(null, request.cookies.get(cookieName('webauthn'))?.value);
  const response = NextResponse.json(options, { headers: { 'Cache-Control': 'no-store' } });
  response.cookies.set(cookieName('webauthn'), token, cookieOptions('webauthn', CHALLENGE_TTL_MS / 1000));
  return response;
}
