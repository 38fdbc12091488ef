import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { LIST_FILTERS, listSearch, type ListCounts, type ListQuery } from '@/lib/accounts/list';
import type { Locale, Translate } from '@/lib/i18n/messages';

type Props = { query: ListQuery; counts: ListCounts; locale: Locale; t: Translate };

/** The lists with their counts (links), and a form for the filter and the "invited before" date; no script needed. */
export function ListFilters({ query, counts, locale, t }: Props) {
  const number = (n: number) => n.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
  return (
    <>
      <nav aria-label={t('accounts.countsTitle')}>
        <ul className="list-counts">
          {LIST_FILTERS.map((filter) => (
            <li key={filter}>
              <Link
                href={`/admin/comptes${listSearch({ filter, before: query.before })}`}
                aria-current={filter === query.filter ? 'page' : undefined}
                data-testid={`count-${filter}`}
              >
                {t('accounts.filterCount', { label: t(`accounts.filters.${filter}`), count: number(counts[filter]) })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/comptes" className="admin-search">
        <Select
          id="list-filtre"
          name="filtre"
          label={t('accounts.filter')}
          defaultValue={query.filter}
          options={LIST_FILTERS.map((f) => ({ value: f, label: t(`accounts.filters.${f}`) }))}
        />
        <Field id="list-avant" name="avant" type="date" label={t('accounts.before')} hint={t('accounts.beforeHint')} defaultValue={query.before ?? ''} min="2000-01-01" max="2200-12-31" />
        <Button type="submit" variant="secondary">
          {t('accounts.apply')}
        </Button>
      </form>
    </>
  );
}
