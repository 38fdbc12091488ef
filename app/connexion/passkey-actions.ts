'use server';

import { CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { sessionUser } from '@/lib/auth/guards';
import { finishSecondStep } from '@/lib/auth/second-step';
import type { FormMessage } from '@/lib/forms/state';
import { makeSessionCookieBrowserOnly } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { challengeCookie, setChallengeCookie } from '@/lib/passkeys/challenge-cookie';
import { authenticationOptions, verifyPasskey, type PasskeyRefusal } from '@/lib/passkeys/passkeys';
import { decodePasskeyRefusal } from '@/lib/passkeys/refusal';

export type PasskeyAnswer = { message: FormMessage };
type Options = Awaited<ReturnType<typeof authenticationOptions>>['options'];

const refusalMessage = (reason: PasskeyRefusal): FormMessage => ({ key: `passkeys.errors.${reason}` });

/** Signs in with the browser's assertion, through Auth.js like a password. */
export async function passkeySignInAction(response: string, callbackUrl: string): Promise<PasskeyAnswer> {
  try {
    await signIn('passkey', { response, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { message: refusalMessage(decodePasskeyRefusal(error)) };
    throw error;
  }
  await makeSessionCookieBrowserOnly();
  redirect(safeRedirectPath(callbackUrl));
}

/** Options for the second step of a sign-in, limited to the account's own passkeys. */
export async function passkeySecondFactorOptionsAction(): Promise<Options | PasskeyAnswer> {
  const user = await sessionUser();
  if (!user || user.secondFactor !== 'pending') return { message: { key: 'secondFactor.errors.expired' } };
  const { options, token } = await authenticationOptions(user.id, await challengeCookie());
  await setChallengeCookie(token);
  return options;
}

/** The second step with a passkey: it must be one of this account's. */
export async function passkeySecondFactorAction(response: string, callbackUrl: string): Promise<PasskeyAnswer> {
  const user = await sessionUser();
  if (!user || user.secondFactor !== 'pending') return { message: { key: 'secondFactor.errors.expired' } };
  const verified = await verifyPasskey(response, await challengeCookie(), user.id, requestInfo(await headers()));
  if (!verified.ok) return { message: refusalMessage(verified.reason) };
  await finishSecondStep(user.sessionId);
  redirect(safeRedirectPath(callbackUrl));
}
