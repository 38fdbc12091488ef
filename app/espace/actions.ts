'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { afterResponse } from '@/lib/after-response';
import { signOut } from '@/lib/auth/auth';
import { requireUser, sessionUser } from '@/lib/auth/guards';
import { endOtherSession, signOutSession } from '@/lib/auth/sessions';
import { validatedAction } from '@/lib/forms/action';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { changePassword } from '@/lib/passwords/change';
import { notifyPasswordChanged } from '@/lib/passwords/changed-notice';
import { changePasswordFields } from '@/lib/passwords/new-password-schema';

export async function signOutAction(): Promise<void> {
  // A session still waiting for its second factor is ended too.
  const user = await sessionUser();
  if (user) await signOutSession(user, requestInfo(await headers()));
  await signOut({ redirect: false });
  redirect('/');
}

export async function endOtherSessionAction(formData: FormData): Promise<void> {
  const user = await requireUser('/espace');
  await endOtherSession(user, single(formData, 'sessionId') ?? '', requestInfo(await headers()));
  redirect('/espace');
}

export const changePasswordAction = validatedAction(
  {
    guard: () => requireUser('/espace'),
    // Only the shape: changePassword checks the current password before the new one, so that a
    // wrong current password is counted and reported whatever else the form holds.
    schema: () => changePasswordFields,
    fields: { text: ['current', 'password', 'confirmation'] },
    secret: ['current', 'password', 'confirmation'],
  },
  async (values, user) => {
    const request = requestInfo(await headers());
    const result = await changePassword(user, values, request);
    switch (result.outcome) {
      case 'noPassword':
        return redirect('/connexion?callbackUrl=/espace');
      case 'throttled':
        return { message: { key: 'signIn.throttled', values: { minutes: result.retryAfterMinutes } } };
      case 'refused':
        return { errors: result.errors };
      case 'changed':
        afterResponse('password-changed notice', () => notifyPasswordChanged(result.account, 'change', request, { sessionsEnded: result.sessionsEnded }));
        return { done: true };
    }
  },
);
