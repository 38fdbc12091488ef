'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth/auth';
import { sessionUser } from '@/lib/auth/guards';
import { finishSecondStep } from '@/lib/auth/second-step';
import { signOutSession } from '@/lib/sessions/sessions';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { verifyCode } from '@/lib/second-factor/factors';
import { MAX_CODE_INPUT, refusalMessage, type CodeFormState } from '@/lib/second-factor/form-state';

/** The second step of a sign-in: a code from the app, or a recovery code. */
export async function verifySignInCodeAction(_previous: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const user = await sessionUser();
  // The session ran out (10 minutes) or was never opened: start again.
  if (!user) return { message: { key: 'secondFactor.errors.expired', href: '/connexion' } };
  const target = safeRedirectPath(single(formData, 'callbackUrl'));
  if (user.secondFactor !== 'pending') redirect(target);
  const code = (single(formData, 'code') ?? '').trim();
  if (code === '') return { message: { key: 'secondFactor.errors.required' } };
  if (code.length > MAX_CODE_INPUT) return { message: { key: 'secondFactor.errors.wrong' } };
  const result = await verifyCode(user, code, requestInfo(await headers()), { allowRecovery: true, during: 'sign_in' });
  if (!result.ok) return { message: refusalMessage(result) };
  await finishSecondStep(user.sessionId);
  redirect(target);
}

/** "Annuler et se déconnecter": ends the waiting session. */
export async function cancelSignInAction(): Promise<void> {
  const user = await sessionUser();
  if (user) await signOutSession(user, requestInfo(await headers()));
  await signOut({ redirect: false });
  redirect('/connexion');
}
