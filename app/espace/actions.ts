'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { setEmailLocale } from '@/lib/accounts/email-locale';
import { afterResponse } from '@/lib/after-response';
import { signOut } from '@/lib/auth/auth';
import { requireUser, sessionUser } from '@/lib/auth/guards';
import { endAllOtherSessions, endOtherSession, signOutSession } from '@/lib/sessions/sessions';
import { validatedAction } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { isLocale } from '@/lib/i18n/messages';
import { changePassword } from '@/lib/passwords/change';
import { requestEmailChange } from '@/lib/email-change/request';
import { emailChangeSchema } from '@/lib/email-change/schema';
import { getConfig } from '@/lib/config';
import { deliverDueEmails } from '@/lib/mail/queue';
import { notifyPasswordChanged } from '@/lib/passwords/changed-notice';
import { changePasswordFields } from '@/lib/passwords/new-password-schema';
import { NOTICE_PARAMS } from '@/lib/self-service/notices';

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

/** "Fermer toutes mes autres sessions": one step, this session stays open; the page says how many ended. */
export async function endAllOtherSessionsAction(): Promise<void> {
  const user = await requireUser('/espace');
  const ended = await endAllOtherSessions(user, requestInfo(await headers()));
  redirect(`/espace?${NOTICE_PARAMS.sessionsClosed}=${ended}#sessions-title`);
}

/** "Langue de mes e-mails": French or English; anything else changes nothing and says so. */
export async function setEmailLocaleAction(formData: FormData): Promise<void> {
  const user = await requireUser('/espace');
  const locale = single(formData, 'emailLocale');
  if (!isLocale(locale)) redirect(`/espace?${NOTICE_PARAMS.emailLocale}=invalide#email-locale-title`);
  await setEmailLocale(user, locale, requestInfo(await headers()));
  redirect(`/espace?${NOTICE_PARAMS.emailLocale}=ok#email-locale-title`);
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

/** "Changer mon adresse e-mail": a link to the new address, a notice to the current one, nothing changed yet. */
export const emailChangeAction = validatedAction(
  {
    guard: () => requireUser('/espace'),
    schema: (user) => emailChangeSchema(user.email),
    fields: { text: ['email', 'current'] },
    secret: ['current'],
  },
  async (values, user): Promise<FormState<'email' | 'current'>> => {
    const result = await requestEmailChange(user, values, requestInfo(await headers()));
    const typed = { email: values.email };
    switch (result.outcome) {
      case 'noPassword':
        return redirect('/connexion?callbackUrl=/espace');
      case 'throttled':
        return { values: typed, message: { key: 'signIn.throttled', values: { minutes: result.retryAfterMinutes } } };
      case 'tooMany':
        return { values: typed, message: { key: 'selfService.email.tooMany' } };
      case 'refused':
        return { values: typed, errors: result.errors };
      case 'sent':
        afterResponse('email-change emails', () => deliverDueEmails());
        return {
          done: true,
          message: { key: 'selfService.email.sent', values: { email: result.newEmail, current: result.currentEmail, hours: getConfig().resetTokenTtlHours } },
        };
    }
  },
);
