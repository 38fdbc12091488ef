import type { Metadata } from 'next';
import { AdminHeader } from '@/components/admin/admin-header';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { requireAdmin } from '@/lib/auth/guards';
import { dateFormat } from '@/lib/i18n/format';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { failedEmails, outboxSummary } from '@/lib/mail/failures';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('outboxAdmin.title') };
}

/** Staff see which emails failed and why (Resend's reason), e.g. an address Resend refused. */
export default async function AdminOutboxPage() {
  await requireAdmin('/admin/envois');
  const [t, locale, summary, failed] = await Promise.all([getTranslator(), getLocale(), outboxSummary(), failedEmails()]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="stack">
      <AdminHeader title={t('outboxAdmin.title')} />
      <p role="status">{t('outboxAdmin.summary', summary)}</p>
      <Card id="failed-title" title={t('outboxAdmin.caption')}>
        <p className="muted">{t('outboxAdmin.help')}</p>
        {failed.length === 0 ? (
          <p>{t('outboxAdmin.none')}</p>
        ) : (
          <DataTable
            id="failed-caption"
            caption={t('outboxAdmin.caption')}
            columns={[t('outboxAdmin.columns.queued'), t('outboxAdmin.columns.to'), t('outboxAdmin.columns.kind'), t('outboxAdmin.columns.attempts'), t('outboxAdmin.columns.reason')]}
          >
            {failed.map((row) => (
              <tr key={row.id}>
                <td>
                  <time dateTime={row.createdAt.toISOString()}>{date.format(row.createdAt)}</time>
                </td>
                <th scope="row" className="table__email">
                  {row.to}
                </th>
                <td>{row.template}</td>
                <td>{row.attempts}</td>
                <td className="table__reason">{row.lastError ?? ''}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
