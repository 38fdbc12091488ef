import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';
import { cookieName } from '@/lib/http/cookies';
import type { SecondStep } from '@/lib/sign-in/open-session';

/**
 * What the session Auth.js has just opened in this server action still waits for. Auth.js tells
 * the caller of `signIn` nothing about the user; the new session token, already in this
 * response's cookie jar, carries the step that lib/sign-in/open-session.ts decided: no query.
 */
export async function openedSessionStep(): Promise<SecondStep> {
  const name = cookieName('session');
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  const payload = await decode({ token, secret: getConfig().authSecret, salt: name });
  return payload?.step === 'pending' || payload?.step === 'enrol' ? payload.step : null;
}
