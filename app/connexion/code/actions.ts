'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { afterResponse } from '@/lib/after-response';
import { signOut } from '@/lib/auth/auth';
import { secondStepSession, sessionUser } from '@/lib/auth/guards';
import { validatedAction } from '@/lib/forms/action';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { deliverDueEmails } from '@/lib/mail/queue';
import { codeForm } from '@/lib/second-factor/code-schema';
import { verifyCode } from '@/lib/second-factor/factors';
import { refusalMessage } from '@/lib/second-factor/form-state';
import { signOutSession } from '@/lib/sessions/sessions';
import { finishSecondStep } from '@/lib/sign-in/second-step';

/** Where the sign-in goes once its second step is done. */
const targetOf = (formData: FormData) => safeRedirectPath(single(formData, 'callbackUrl'));

/** The second step of a sign-in: a code from the app, or a recovery code. */
export const verifySignInCodeAction = validatedAction(
  {
    // A session that no longer waits for its code (done in another tab) goes on to where it was going.
    guard: (formData) => secondStepSession('owed', targetOf(formData)),
    ...codeForm,
  },
  async ({ code }, user, formData) => {
    const result = await verifyCode(user, code, requestInfo(await headers()), { allowRecovery: true, during: 'sign_in' });
    if (!result.ok) {
      // The code that locks the app's codes queued the holder's email (lib/second-factor/lock.ts).
      if (result.reason === 'locked') afterResponse('second-factor lock notice delivery', () => deliverDueEmails());
      return { message: refusalMessage(result) };
    }
    await finishSecondStep(user.sessionId);
    redirect(targetOf(formData));
  },
);

/** "Annuler et se déconnecter": ends the waiting session. */
export async function cancelSignInAction(): Promise<void> {
  const user = await sessionUser();
  if (user) await signOutSession(user, requestInfo(await headers()));
  await signOut({ redirect: false });
  redirect('/connexion');
}
