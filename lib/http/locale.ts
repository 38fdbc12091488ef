import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { cookieName } from '@/lib/http/cookies';
import { isLocale, localeFromAcceptLanguage, translator, type Locale } from '@/lib/i18n/messages';

/** The visitor's language: their explicit choice (cookie) first, then the browser's. */
export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(cookieName('locale'))?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
});

export async function getTranslator() {
  return translator(await getLocale());
}
