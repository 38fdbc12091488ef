import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminHeader } from '@/components/admin/admin-header';
import { AccountList } from '@/components/admin/account-list';
import { ListFilters } from '@/components/admin/list-filters';
import { Pagination } from '@/components/admin/pagination';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { countLists, listAccounts, listSearch, PAGE_SIZE, readListQuery } from '@/lib/accounts/list';
import { requireAdmin } from '@/lib/auth/guards';
import { dateFormat } from '@/lib/i18n/format';
import { getLocale, getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('accounts.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Customer service's lists: never activated, disabled, locked out, invited before a date; 50 a page. */
export default async function AccountsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = readListQuery(params);
  await requireAdmin(`/admin/comptes${listSearch(query)}`);

  const [t, locale, counts, rows] = await Promise.all([getTranslator(), getLocale(), countLists(query.before), listAccounts(query)]);
  const total = counts[query.filter];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const label = t(`accounts.filters.${query.filter}`);
  const beforeText = query.before ? t('accounts.captionBefore', { date: query.before }) : '';
  const rawDate = typeof params.avant === 'string' ? params.avant.slice(0, 40) : '';
  const exportHref = `/admin/comptes/export${listSearch({ filter: query.filter, before: query.before })}`;

  return (
    <div className="stack">
      <AdminHeader current="accounts" title={t('accounts.title')} />

      <Card id="list-filters" title={t('accounts.filtersTitle')}>
        <ListFilters query={query} counts={counts} locale={locale} t={t} />
        {query.badDate && (
          <Alert tone="error">
            <p>{t('accounts.badDate', { value: rawDate })}</p>
          </Alert>
        )}
      </Card>

      <section aria-labelledby="list-title" className="card">
        <h2 id="list-title" className="card__title">
          {label}
          {beforeText}
        </h2>
        <p role="status" data-testid="list-summary">
          {t('accounts.summary', { count: total })}
        </p>
        {rows.length === 0 ? (
          <p>{total > 0 ? t('accounts.pastEnd', { pages }) : t('accounts.none')}</p>
        ) : (
          <AccountList
            rows={rows}
            caption={t('accounts.caption', { label, before: beforeText, page: query.page, pages })}
            date={dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })}
            t={t}
          />
        )}
        <Pagination query={query} pages={pages} t={t} />
        <p className="list-export">
          <Link href={exportHref} prefetch={false} className="button button--secondary" download>
            {t('accounts.export')}
          </Link>{' '}
          <span className="muted">{t('accounts.exportHelp', { count: total })}</span>
        </p>
      </section>
    </div>
  );
}
