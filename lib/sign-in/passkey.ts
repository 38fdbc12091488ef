import type { RequestInfo } from '@/lib/http/request-info';
import { verifyPasskey, type PasskeyRefusal } from '@/lib/passkeys/passkeys';
import { openSession, type OpenedSession } from '@/lib/sign-in/open-session';

/**
 * A sign-in with a passkey: two factors at once, so the session opens everything, /admin
 * included. Staff's passkey must have checked who holds it (user verification), or the sign-in is
 * refused as 'unverified' (lib/passkeys/passkeys.ts). It lasts as a browser session.
 */
export async function signInWithPasskey(
  raw: unknown,
  token: string | undefined,
  request: RequestInfo,
): Promise<({ ok: true } & OpenedSession) | { ok: false; reason: PasskeyRefusal }> {
  const verified = await verifyPasskey(raw, token, null, request);
  if (!verified.ok) return verified;
  return { ok: true, ...(await openSession(verified.account, 'passkey', { remember: false, request })) };
}
