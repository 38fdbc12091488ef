import Link from 'next/link';
import type { ReactNode } from 'react';
import { AdminNotice } from '@/components/admin/notice';
import type { Translate } from '@/lib/i18n/messages';
import { getTranslator } from '@/lib/http/locale';

type Props = {
  title: ReactNode;
  /** Marks the menu entry of the page it is on, for screen readers too. */
  current?: 'dashboard' | 'accounts' | 'import' | 'new';
  /** The address's `?ok=…` or `?erreur=…`: what the last action did. */
  notice?: { ok?: string | string[]; erreur?: string | string[] };
};

/** The top of every admin page: the admin menu, the page's title, and the last action's notice. */
export async function AdminHeader({ title, current, notice }: Props) {
  const t = await getTranslator();
  return (
    <>
      <AdminNav current={current} t={t} />
      <h1>{title}</h1>
      {notice && <AdminNotice ok={notice.ok} error={notice.erreur} t={t} />}
    </>
  );
}

function AdminNav({ current, t }: { current?: Props['current']; t: Translate }) {
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      <Link href="/admin" className="admin-nav__link" aria-current={current === 'dashboard' ? 'page' : undefined}>
        {t('admin.nav.dashboard')}
      </Link>
      <Link href="/admin/comptes" className="admin-nav__link" aria-current={current === 'accounts' ? 'page' : undefined}>
        {t('accounts.nav')}
      </Link>
      <Link href="/admin/comptes/import" className="admin-nav__link" aria-current={current === 'import' ? 'page' : undefined}>
        {t('accounts.import.nav')}
      </Link>
      <Link href="/admin/comptes/nouveau" className="admin-nav__link" aria-current={current === 'new' ? 'page' : undefined}>
        {t('admin.nav.newAccount')}
      </Link>
    </nav>
  );
}
