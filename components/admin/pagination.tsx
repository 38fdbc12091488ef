import Link from 'next/link';
import { listSearch, type ListQuery } from '@/lib/accounts/list';
import type { Translate } from '@/lib/i18n/messages';

type Props = { query: ListQuery; pages: number; t: Translate };

/** First, previous, "page 2 of 25", next and last, as plain links carrying the whole query. */
export function Pagination({ query, pages, t }: Props) {
  if (pages <= 1 && query.page === 1) return null;
  const href = (page: number) => `/admin/comptes${listSearch({ ...query, page })}`;
  const page = Math.min(query.page, pages + 1);
  return (
    <nav className="pagination" aria-label={t('accounts.pagination')}>
      <ul>
        {page > 1 && (
          <>
            <li>
              <Link href={href(1)}>{t('accounts.first')}</Link>
            </li>
            <li>
              <Link href={href(Math.min(page - 1, pages))} rel="prev">
                {t('accounts.previous')}
              </Link>
            </li>
          </>
        )}
        <li aria-current="page" data-testid="page-of">
          {t('accounts.pageOf', { page: query.page, pages })}
        </li>
        {page < pages && (
          <>
            <li>
              <Link href={href(page + 1)} rel="next">
                {t('accounts.next')}
              </Link>
            </li>
            <li>
              <Link href={href(pages)}>{t('accounts.last')}</Link>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}
