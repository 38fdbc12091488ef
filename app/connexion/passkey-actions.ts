'use server';

import { CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { secondStepSession } from '@/lib/auth/guards';
import { Refused } from '@/lib/forms/action';
import type { FormMessage, FormState } from '@/lib/forms/state';
import { makeSessionCookieBrowserOnly } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { challengeCookie, setChallengeCookie } from '@/lib/passkeys/challenge-cookie';
import { authenticationOptions, verifyPasskey, type PasskeyRefusal } from '@/lib/passkeys/passkeys';
import { decodeRefusal } from '@/lib/sign-in/refusal';
import { finishSecondStep } from '@/lib/sign-in/second-step';

// Called from components/passkeys/passkey-sign-in.tsx with the browser's answer, not posted as a
// form: WebAuthn needs scripts. They answer in the forms' shape all the same (lib/forms/state.ts).

type Options = Awaited<ReturnType<typeof authenticationOptions>>['options'];

const refusalMessage = (reason: PasskeyRefusal): FormMessage => ({ key: `passkeys.errors.${reason}` });

/** Signs in with the browser's assertion, through Auth.js like a password. */
export async function passkeySignInAction(response: string, callbackUrl: string): Promise<FormState> {
  try {
    await signIn('passkey', { response, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const refusal = decodeRefusal(error);
      return { message: refusalMessage(refusal.reason === 'passkey' ? refusal.passkey : 'refused') };
    }
    throw error;
  }
  await makeSessionCookieBrowserOnly();
  redirect(safeRedirectPath(callbackUrl));
}

/** Options for the second step of a sign-in, limited to the account's own passkeys. */
export async function passkeySecondFactorOptionsAction(): Promise<Options | FormState> {
  const user = await secondStepSession('owed');
  if (user instanceof Refused) return { message: user.message };
  const { options, token } = await authenticationOptions(user.id, await challengeCookie());
  await setChallengeCookie(token);
  return options;
}

/** The second step with a passkey: it must be one of this account's. */
export async function passkeySecondFactorAction(response: string, callbackUrl: string): Promise<FormState> {
  const user = await secondStepSession('owed');
  if (user instanceof Refused) return { message: user.message };
  const verified = await verifyPasskey(response, await challengeCookie(), user.id, requestInfo(await headers()));
  if (!verified.ok) return { message: refusalMessage(verified.reason) };
  await finishSecondStep(user.sessionId);
  redirect(safeRedirectPath(callbackUrl));
}
