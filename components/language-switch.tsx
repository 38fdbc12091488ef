'use client';

import { usePathname } from 'next/navigation';
import { useT } from '@/components/i18n-provider';
import type { RedirectAction } from '@/lib/forms/state';
import type { Locale } from '@/lib/i18n/messages';

/**
 * A plain form, so the language can be changed without JavaScript too. `action`: app/locale-actions.ts's
 * setLocaleAction, handed down by the layout.
 */
export function LanguageSwitch({ locale, action }: { locale: Locale; action: RedirectAction }) {
  const t = useT();
  const pathname = usePathname();
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  return (
    <form action={action} className="language-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="returnTo" value={pathname} />
      <button type="submit" className="button button--link" lang={other} aria-label={t('layout.switchToLabel')}>
        {t('layout.switchTo')}
      </button>
    </form>
  );
}
