import Link from 'next/link';
import type { ReactNode } from 'react';
import { AdminNotice } from '@/components/admin/notice';
import type { MessageKey, Translate } from '@/lib/i18n/messages';
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

const NAV: { page: NonNullable<Props['current']>; href: string; label: MessageKey }[] = [
  { page: 'dashboard', href: '/admin', label: 'admin.nav.dashboard' },
  { page: 'accounts', href: '/admin/comptes', label: 'accounts.nav' },
  { page: 'import', href: '/admin/comptes/import', label: 'accounts.import.nav' },
  { page: 'new', href: '/admin/comptes/nouveau', label: 'admin.nav.newAccount' },
];

function AdminNav({ current, t }: { current?: Props['current']; t: Translate }) {
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      {NAV.map(({ page, href, label }) => (
        <Link key={page} href={href} className="admin-nav__link" aria-current={current === page ? 'page' : undefined}>
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}
