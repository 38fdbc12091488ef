import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { createSession } from '@/lib/sessions/sessions';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { verifyPasskey, type PasskeyRefusal } from '@/lib/passkeys/passkeys';

/**
 * A sign-in with a passkey: something the person has (the authenticator) and is or knows (the
 * fingerprint or PIN that unlocks it), so two factors: the session opens everything at once,
 * /admin included. It lasts as a browser session.
 */
export async function signInWithPasskey(
  raw: unknown,
  token: string | undefined,
  request: RequestInfo,
): Promise<{ ok: true; accountId: string; sessionId: string } | { ok: false; reason: PasskeyRefusal }> {
  const verified = await verifyPasskey(raw, token, null, request);
  if (!verified.ok) return verified;
  const { account } = verified;
  await getDb().update(accounts).set({ lastSignInAt: now() }).where(eq(accounts.id, account.id));
  const sessionId = await createSession(account.id, false, request, { method: 'passkey' });
  await audit({ type: 'sign_in', accountId: account.id, identifier: account.identifier, request, details: { remember: false, method: 'passkey' } });
  return { ok: true, accountId: account.id, sessionId };
}
