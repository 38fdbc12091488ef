import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountCells } from '@/components/admin/account-cells';
import { AdminHeader } from '@/components/admin/admin-header';
import { OidcClients } from '@/components/admin/oidc-clients';
import { dateFormat } from '@/lib/i18n/format';
import { Select } from '@/components/ui/select';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { listRequests, queueFilter, type QueueFilter } from '@/lib/account-requests/queue';
import { countImportedPasswords } from '@/lib/accounts/imported-passwords';
import { adminCounters, SEARCH_LIMIT, searchAccounts } from '@/lib/accounts/queries';
import { requireAdmin } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { ADMIN_LIMITS } from '@/lib/accounts/schema';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { outboxSummary } from '@/lib/mail/failures';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('admin.dashboard.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FILTERS: QueueFilter[] = ['open', 'new', 'in_progress', 'done', 'rejected', 'all'];

export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.slice(0, ADMIN_LIMITS.query) : '';
  const filter = queueFilter(typeof params.statut === 'string' ? params.statut : undefined);
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(filter !== 'open' ? { statut: filter } : {}) }).toString();
  await requireAdmin(`/admin${query ? `?${query}` : ''}`);

  const [t, locale, counters, importedPasswords, results, requests, outbox] = await Promise.all([
    getTranslator(),
    getLocale(),
    adminCounters(),
    countImportedPasswords(),
    q.trim() ? searchAccounts(q, getConfig().identifierKinds) : Promise.resolve(null),
    listRequests(filter),
    outboxSummary(),
  ]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="stack">
      <AdminHeader current="dashboard" title={t('admin.dashboard.title')} />

      <section aria-labelledby="counters-title">
        <h2 id="counters-title" className="visually-hidden">
          {t('admin.dashboard.counters')}
        </h2>
        <dl className="counters">
          <div className="counters__item card">
            <dt>{t('admin.dashboard.accounts')}</dt>
            <dd data-testid="counter-accounts">{counters.accounts}</dd>
          </div>
          <div className="counters__item card">
            <dt>{t('admin.dashboard.activated')}</dt>
            <dd data-testid="counter-activated">{t('admin.dashboard.activatedValue', { percent: counters.activatedPercent, count: counters.activated })}</dd>
          </div>
          <div className="counters__item card">
            <dt>{t('admin.dashboard.pendingRequests')}</dt>
            <dd data-testid="counter-requests">{counters.pendingRequests}</dd>
          </div>
          {/* Only while a migration from the old site lasts (issue 19). */}
          {importedPasswords > 0 && (
            <div className="counters__item card">
              <dt>{t('admin.dashboard.importedPasswords')}</dt>
              <dd data-testid="counter-imported-passwords">{importedPasswords}</dd>
            </div>
          )}
        </dl>
        {importedPasswords > 0 && <p className="muted">{t('admin.dashboard.importedPasswordsHelp', { count: importedPasswords })}</p>}
      </section>

      <Card id="search-title" title={t('admin.search.title')}>
        <form method="get" action="/admin" role="search" className="admin-search">
          {filter !== 'open' && <input type="hidden" name="statut" value={filter} />}
          <Field id="admin-q" name="q" type="search" label={t('admin.search.label')} defaultValue={q} maxLength={ADMIN_LIMITS.query} autoComplete="off" spellCheck={false} />
          <Button type="submit">{t('admin.search.submit')}</Button>
        </form>
        {results && results.length === 0 && <p role="status">{t('admin.search.none', { q })}</p>}
        {results && results.length > 0 && (
          <DataTable
            id="search-caption"
            caption={t('admin.search.caption', { q })}
            columns={[t('admin.columns.identifier'), t('admin.columns.name'), t('admin.columns.email'), t('admin.columns.status'), t('admin.columns.role')]}
          >
            {results.map((a) => (
              <tr key={a.id}>
                <AccountCells account={a} t={t} />
                <td>{t(`admin.roles.${a.role}`)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {results && results.length >= SEARCH_LIMIT && <p className="muted">{t('admin.search.limited', { max: SEARCH_LIMIT })}</p>}
      </Card>

      <Card id="queue-title" title={t('admin.queue.title')}>
        <form method="get" action="/admin" className="admin-search">
          {q && <input type="hidden" name="q" value={q} />}
          <Select id="admin-statut" name="statut" label={t('admin.queue.filter')} defaultValue={filter === 'open' ? '' : filter} options={FILTERS.map((f) => ({ value: f === 'open' ? '' : f, label: t(`admin.requestStatus.${f}`) }))} />
          <Button type="submit" variant="secondary">
            {t('admin.queue.apply')}
          </Button>
        </form>
        {requests.length === 0 ? (
          <p>{t('admin.queue.none')}</p>
        ) : (
          <DataTable
            id="queue-caption"
            caption={t('admin.queue.caption', { filter: t(`admin.requestStatus.${filter}`) })}
            columns={[t('admin.columns.received'), t('admin.columns.requester'), t('admin.columns.organisation'), t('admin.columns.email'), t('admin.columns.status')]}
          >
            {requests.map((r) => (
              <tr key={r.id}>
                <td>{date.format(r.createdAt)}</td>
                <th scope="row">
                  <Link href={`/admin/demandes/${r.id}`}>{r.name}</Link>
                </th>
                <td>{r.organisation ?? ''}</td>
                <td className="table__email">{r.email}</td>
                <td>
                  <span className={`badge badge--request-${r.status}`}>{t(`admin.requestStatus.${r.status}`)}</span>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>

      <OidcClients />

      <p>
        <ButtonLink href="/admin/comptes/nouveau">{t('admin.nav.newAccount')}</ButtonLink>
      </p>
      <p>
        <Link href="/admin/envois">{t('outboxAdmin.link', { count: outbox.failed })}</Link>
      </p>
    </div>
  );
}
