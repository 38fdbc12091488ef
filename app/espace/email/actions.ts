'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { audit } from '@/lib/audit';
import { confirmEmailChange } from '@/lib/email-change/links';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { requestInfo } from '@/lib/http/request-info';

/** The confirm button: the link in the cookie is used now, once; the page after says it is done. */
export async function confirmEmailChangeAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(cookieName('emailChange'))?.value ?? '';
  jar.set(cookieName('emailChange'), '', cookieOptions('emailChange', 0));
  const confirmed = await confirmEmailChange(token);
  if (!confirmed) redirect('/espace/email');
  const { account, oldEmail, linksRevoked } = confirmed;
  await audit({
    type: 'email_changed',
    accountId: account.id,
    identifier: account.identifier,
    request: requestInfo(await headers()),
    details: { from: oldEmail, to: account.email, linksRevoked },
  });
  redirect('/espace/email/confirmee');
}
