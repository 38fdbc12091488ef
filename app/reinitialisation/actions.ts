'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { afterResponse } from '@/lib/after-response';
import { validatedAction } from '@/lib/forms/action';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';
import { notifyPasswordChanged } from '@/lib/passwords/changed-notice';
import { newPasswordSchemaFor } from '@/lib/passwords/new-password';
import { setPasswordWithLink } from '@/lib/password-links/complete';
import { findUsableLink } from '@/lib/password-links/tokens';

/** The holder of a working link (its token is in the reset cookie); anyone else sees the invalid-link page. */
async function linkHolder() {
  const token = (await cookies()).get(cookieName('reset'))?.value ?? '';
  const account = await findUsableLink(token);
  if (!account) redirect('/reinitialisation');
  return { token, account };
}

export const resetPasswordAction = validatedAction(
  {
    guard: linkHolder,
    schema: ({ account }) => newPasswordSchemaFor(account),
    fields: { text: ['password', 'confirmation'] },
    secret: ['password', 'confirmation'],
  },
  async ({ password }, { token }) => {
    const updated = await setPasswordWithLink(token, password);
    if (!updated) redirect('/reinitialisation');
    (await cookies()).set(cookieName('reset'), '', cookieOptions('reset', 0));
    const request = requestInfo(await headers());
    afterResponse('password-changed notice', () => notifyPasswordChanged(updated.account, 'reset', request, { sessionsEnded: updated.sessionsEnded }));
    redirect(`/reinitialisation/termine?identifiant=${encodeURIComponent(updated.account.identifier)}`);
  },
);
