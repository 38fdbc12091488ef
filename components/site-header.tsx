import Link from 'next/link';
import { LanguageSwitch } from '@/components/language-switch';
import { currentUser } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import type { RedirectAction } from '@/lib/forms/state';
import { getLocale, getTranslator } from '@/lib/http/locale';

/** `switchLocale`: app/locale-actions.ts's setLocaleAction, handed down by the layout. */
export async function SiteHeader({ switchLocale }: { switchLocale: RedirectAction }) {
  const [t, locale, user] = await Promise.all([getTranslator(), getLocale(), currentUser()]);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          <span className="site-header__logo" aria-hidden="true">
            S
          </span>
          {getConfig().orgName}
        </Link>
        <nav aria-label={t('layout.mySpace')} className="site-header__nav">
          {user?.role === 'admin' && (
            <Link href="/admin" className="site-header__link">
              {t('admin.nav.label')}
            </Link>
          )}
          <Link href={user ? '/espace' : '/connexion'} className="site-header__link">
            {user ? t('layout.mySpace') : t('layout.signIn')}
          </Link>
          <LanguageSwitch locale={locale} action={switchLocale} />
        </nav>
      </div>
    </header>
  );
}
