'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { getConfig } from '@/lib/config';
import { anyone, validatedAction } from '@/lib/forms/action';
import { single } from '@/lib/forms/form-data';
import type { FormState } from '@/lib/forms/state';
import { BUSY_PATH } from '@/lib/http/busy';
import { makeSessionCookieBrowserOnly, rememberIdentifier } from '@/lib/http/cookies';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { encodeCredentials } from '@/lib/sign-in/credentials';
import { openedSessionStep } from '@/lib/sign-in/opened-session';
import { decodeRefusal } from '@/lib/sign-in/refusal';
import { signInSchema, type SignInField } from '@/lib/sign-in/schema';
import { secondFactorPath } from '@/lib/sign-in/second-step';

export const signInAction = validatedAction(
  {
    guard: anyone,
    schema: () => signInSchema(getConfig().identifierKinds),
    fields: { text: ['identifier', 'password'], checkboxes: ['remember'] },
    secret: ['password'],
    invalidMessage: { key: 'fields.fixErrors' },
  },
  async ({ identifier, password, remember }, _user, formData): Promise<FormState<SignInField>> => {
    // What was typed comes back with a refusal; the password never does.
    const values = { identifier: single(formData, 'identifier') ?? '', remember };
    try {
      await signIn('credentials', { ...encodeCredentials(identifier, password, remember), redirect: false });
    } catch (error) {
      if (error instanceof CredentialsSignin) {
        const refusal = decodeRefusal(error);
        if (refusal.reason === 'throttled') {
          // Locked until a reset: "try again in a minute" would never come true.
          if (refusal.untilReset) return { values, message: { key: 'signIn.locked' } };
          return { values, message: { key: 'signIn.throttled', values: { minutes: refusal.retryAfterMinutes } } };
        }
        // A page of its own, answered 503 with Retry-After: see lib/http/busy.ts.
        if (refusal.reason === 'busy') redirect(BUSY_PATH);
        return { values, message: { key: 'signIn.failed' } };
      }
      if (error instanceof AuthError) return { values, message: { key: 'signIn.unavailable' } };
      throw error;
    }

    await rememberIdentifier(remember ? identifier.value : null);
    if (!remember) await makeSessionCookieBrowserOnly();
    // After the try: redirect() works by throwing, and the catch above must not swallow it.
    const target = safeRedirectPath(single(formData, 'callbackUrl'));
    const step = await openedSessionStep();
    redirect(step ? secondFactorPath(step, target) : target);
  },
);
