import Link from 'next/link';
import { getTranslator } from '@/lib/i18n/server';

/** The admin pages' own menu; `current` marks the page it is on for screen readers too. */
export async function AdminNav({ current }: { current?: 'dashboard' | 'new' }) {
  const t = await getTranslator();
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      <Link href="/admin" className="admin-nav__link" aria-current={current === 'dashboard' ? 'page' : undefined}>
        {t('admin.nav.dashboard')}
      </Link>
      <Link href="/admin/comptes/nouveau" className="admin-nav__link" aria-current={current === 'new' ? 'page' : undefined}>
        {t('admin.nav.newAccount')}
      </Link>
    </nav>
  );
}
