'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { makeSessionCookieBrowserOnly, rememberIdentifier } from '@/lib/auth/cookies';
import { getConfig } from '@/lib/config';
import { checkbox, single } from '@/lib/form-data';
import { parseIdentifier } from '@/lib/identifiers';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { fieldErrors, signInSchema, type SignInState } from '@/lib/schemas/sign-in';

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const kinds = getConfig().identifierKinds;
  const identifier = single(formData, 'identifier') ?? '';
  const remember = checkbox(formData, 'remember');
  // The password is never echoed back into the form state.
  const echo = { identifier: identifier.slice(0, 320), remember };

  const parsed = signInSchema(kinds).safeParse({ identifier, password: single(formData, 'password') ?? '', remember });
  if (!parsed.success) return { ...echo, errors: fieldErrors(parsed.error), message: { key: 'fields.fixErrors' } };

  try {
    await signIn('credentials', {
      identifier: parsed.data.identifier,
      password: parsed.data.password,
      remember: remember ? '1' : '',
      redirect: false,
    });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const throttled = /^throttled:(\d+)$/.exec(error.code);
      if (throttled) return { ...echo, message: { key: 'signIn.throttled', values: { minutes: Number(throttled[1]) } } };
      return { ...echo, message: { key: 'signIn.failed' } };
    }
    if (error instanceof AuthError) return { ...echo, message: { key: 'signIn.unavailable' } };
    throw error;
  }

  if (remember) {
    const normalised = parseIdentifier(parsed.data.identifier, kinds);
    await rememberIdentifier(normalised.ok ? normalised.value : null);
  } else {
    await makeSessionCookieBrowserOnly();
    await rememberIdentifier(null);
  }
  // After the try: redirect() works by throwing, and the catch above must not swallow it.
  redirect(safeRedirectPath(single(formData, 'callbackUrl')));
}
