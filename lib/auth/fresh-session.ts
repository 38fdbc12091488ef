import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sessions } from '@/lib/db/schema';
import { cookieName } from '@/lib/http/cookies';

/**
 * What the session Auth.js has just opened in this server action still waits for. Auth.js tells
 * the caller of `signIn` nothing about the user; the new session cookie, already in this
 * response's jar, carries the session id.
 */
export async function freshSessionStep(): Promise<'pending' | 'enrol' | null> {
  const name = cookieName('session');
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  const payload = await decode({ token, secret: getConfig().authSecret, salt: name });
  if (typeof payload?.sid !== 'string') return null;
  const [row] = await getDb().select({ secondFactor: sessions.secondFactor }).from(sessions).where(eq(sessions.id, payload.sid)).limit(1);
  return row?.secondFactor ?? null;
}
