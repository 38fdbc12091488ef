import type { IncomingMessage } from 'node:http';
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';
import { cookieName } from '@/lib/http/cookies';
import { audit } from '@/lib/audit';
import { endSession, resolveSession, type SessionUser } from '@/lib/sessions/sessions';

/**
 * The Sésame session of a request that reaches the OpenID Connect provider (a plain Node request,
 * outside the App Router): the same cookie Auth.js reads, opened with the same secrets, then the
 * same session row (lib/sessions/sessions.ts), so a session ended in Sésame (sign-out, reset,
 * disabled account) is ended for the provider too.
 */
export async function sesameSessionOf(request: IncomingMessage): Promise<SessionUser | null> {
  const name = cookieName('session');
  const cookies = parseCookies(request.headers.cookie ?? '');
  // Auth.js splits a large token into `name.0`, `name.1`…
  const token =
    cookies.get(name) ??
    ([...cookies.keys()]
      .filter((key) => key.startsWith(`${name}.`) && /^\d+$/.test(key.slice(name.length + 1)))
      .sort((a, b) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)))
      .map((key) => cookies.get(key))
      .join('') ||
      undefined);
  if (!token) return null;
  let payload: Record<string, unknown> | null;
  try {
    payload = await decode({ token, secret: getConfig().authSecrets, salt: name });
  } catch {
    return null;
  }
  const sessionId = payload?.sid;
  return typeof sessionId === 'string' ? resolveSession(sessionId) : null;
}

/** A Cookie header's values by name (the first of a name wins, as browsers send the most specific first). */
export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (!key || cookies.has(key)) continue;
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(key, decodeURIComponent(value));
    } catch {
      cookies.set(key, value);
    }
  }
  return cookies;
}

/**
 * An app signed the person out through the provider (RP-initiated logout, which asks them first):
 * the Sésame session ends too, as "Se déconnecter" would end it.
 */
export async function endSesameSessionOf(request: IncomingMessage): Promise<void> {
  const user = await sesameSessionOf(request);
  if (user && (await endSession(user.sessionId, 'signed_out_from_app'))) {
    await audit({ type: 'sign_out', accountId: user.id, identifier: user.identifier, details: { from: 'app' } });
  }
}
