'use server';

import { after } from 'next/server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { notifyPasswordChanged } from '@/lib/auth/password-changed';
import { parseNewPassword } from '@/lib/auth/new-password';
import { hashPassword } from '@/lib/auth/password-hash';
import { findUsableLink, consumeLinkAndSetPassword } from '@/lib/auth/password-links';
import { cookieName, cookieOptions } from '@/lib/cookies';
import { requestInfo } from '@/lib/request-info';
import { type NewPasswordState } from '@/lib/schemas/reset';
import { fieldErrors } from '@/lib/schemas/sign-in';

export async function resetPasswordAction(_previous: NewPasswordState, formData: FormData): Promise<NewPasswordState> {
  const jar = await cookies();
  const token = jar.get(cookieName('reset'))?.value ?? '';
  const account = await findUsableLink(token);
  if (!account) return { invalidLink: true };

  const parsed = parseNewPassword(formData, account);
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };

  // The link is used only now, once the new password has passed every check.
  const updated = await consumeLinkAndSetPassword(token, await hashPassword(parsed.data.password));
  if (!updated) return { invalidLink: true };

  jar.set(cookieName('reset'), '', cookieOptions('reset', 0));
  const request = requestInfo(await headers());
  after(() => notifyPasswordChanged(updated.account, 'reset', request, { sessionsEnded: updated.sessionsEnded }).catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'password-changed notice failed', error: String(error) }))));
  redirect(`/reinitialisation/termine?identifiant=${encodeURIComponent(updated.account.identifier)}`);
}
