'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { single } from '@/lib/form-data';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/messages';
import { safeRedirectPath } from '@/lib/safe-redirect';

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = single(formData, 'locale');
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
  }
  redirect(safeRedirectPath(single(formData, 'returnTo'), '/'));
}
