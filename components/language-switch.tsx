'use client';

import { usePathname } from 'next/navigation';
import { setLocaleAction } from '@/app/locale-actions';
import { useT } from '@/components/i18n-provider';
import type { Locale } from '@/lib/i18n/messages';

/** A plain form, so the language can be changed without JavaScript too. */
export function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const pathname = usePathname();
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  return (
    <form action={setLocaleAction} className="language-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="returnTo" value={pathname} />
      <button type="submit" className="button button--link" lang={other} aria-label={t('layout.switchToLabel')}>
        {t('layout.switchTo')}
      </button>
    </form>
  );
}
