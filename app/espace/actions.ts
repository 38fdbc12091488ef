'use server';

import { redirect } from 'next/navigation';
import { audit } from '@/lib/audit';
import { signOut } from '@/lib/auth/auth';
import { currentUser } from '@/lib/auth/current-user';
import { endSession, openSessions } from '@/lib/auth/sessions';
import { single } from '@/lib/form-data';
import { requestInfo } from '@/lib/request-info';
import { headers } from 'next/headers';

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
    });
  }
  redirect('/espace');
}
