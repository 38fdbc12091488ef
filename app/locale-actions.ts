'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cookieName, cookieOptions } from '@/lib/http/cookies';
import { single } from '@/lib/forms/form-data';
import { isLocale } from '@/lib/i18n/messages';
import { safeRedirectPath } from '@/lib/http/safe-redirect';

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = single(formData, 'locale');
  if (isLocale(locale)) {
    (await cookies()).set(cookieName('locale'), locale, cookieOptions('locale', 365 * 24 * 3600));
  }
  redirect(safeRedirectPath(single(formData, 'returnTo'), '/'));
}
