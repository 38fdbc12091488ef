'use server';

import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { audit } from '@/lib/audit';
import { signOut } from '@/lib/auth/auth';
import { currentUser } from '@/lib/auth/current-user';
import { loginThrottle, recordLoginFailure } from '@/lib/auth/login-throttle';
import { notifyPasswordChanged } from '@/lib/auth/password-changed';
import { parseNewPassword } from '@/lib/auth/new-password';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { revokeLinks } from '@/lib/auth/password-links';
import { endAccountSessions, endSession, openSessions } from '@/lib/auth/sessions';
import { MAX_PASSWORD_INPUT } from '@/lib/auth/verify-sign-in';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { single } from '@/lib/form-data';
import { requestInfo } from '@/lib/request-info';
import { type NewPasswordState } from '@/lib/schemas/reset';
import { fieldErrors } from '@/lib/schemas/sign-in';

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) {
    await endSession(user.sessionId, 'sign_out');
    await audit({ type: 'sign_out', accountId: user.id, identifier: user.identifier, request: requestInfo(await headers()) });
  }
  await signOut({ redirect: false });
  redirect('/');
}

/** Ends one of the signed-in person's other sessions (a forgotten public computer, say). */
export async function endOtherSessionAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) redirect('/connexion?callbackUrl=/espace');
  const sessionId = single(formData, 'sessionId');
  const mine = await openSessions(user.id);
  if (sessionId && sessionId !== user.sessionId && mine.some((s) => s.id === sessionId)) {
    await endSession(sessionId, 'ended_by_user');
    await audit({
      type: 'session_ended',
      accountId: user.id,
      identifier: user.identifier,
      request: requestInfo(await headers()),
      details: { reason: 'ended_by_user' },
    });
  }
  redirect('/espace');
}

/**
 * Changes the password of the signed-in person. The current password is required (and failures
 * count towards the login throttle); every other session and every emailed link ends.
 */
export async function changePasswordAction(_previous: NewPasswordState, formData: FormData): Promise<NewPasswordState> {
  const user = await currentUser();
  if (!user) redirect('/connexion?callbackUrl=/espace');
  const request = requestInfo(await headers());
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, user.id)).limit(1);
  if (!account?.passwordHash) redirect('/connexion?callbackUrl=/espace');

  const parsed = parseNewPassword(formData, account);
  const current = single(formData, 'current') ?? '';

  const throttle = await loginThrottle(account.identifier, request.ip);
  if (throttle.blocked) return { message: { key: 'signIn.throttled', values: { minutes: throttle.retryAfterMinutes } } };
  if (!current || !(await verifyPassword(current.slice(0, MAX_PASSWORD_INPUT), account.passwordHash))) {
    if (current) await recordLoginFailure(account.identifier, request.ip);
    const errors = parsed.success ? {} : fieldErrors<'password' | 'confirmation'>(parsed.error);
    return { errors: { ...errors, current: current ? 'password.wrongCurrent' : 'fields.required' } };
  }
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };

  const at = now();
  const passwordHash = await hashPassword(parsed.data.password);
  await getDb().update(accounts).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(accounts.id, account.id));
  await revokeLinks(account.id, at);
  const sessionsEnded = await endAccountSessions(account.id, 'password_changed', user.sessionId);
  after(() => notifyPasswordChanged(account, 'change', request, { sessionsEnded }).catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'password-changed notice failed', error: String(error) }))));
  return { done: true };
}
