import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { createAccountAction } from '@/app/admin/comptes/actions';
import { updateRequestAction } from '@/app/admin/demandes/actions';
import { AccountForm } from '@/components/admin/account-form';
import { AdminHeader } from '@/components/admin/admin-header';
import { dateFormat } from '@/lib/i18n/format';
import { Select } from '@/components/ui/select';
import { Button } from '@/components/ui/button';
import { TextArea } from '@/components/ui/text-area';
import { findRequest } from '@/lib/account-requests/queue';
import { NOTES_LIMIT, REQUEST_STATUSES } from '@/lib/account-requests/schema';
import { findAccount } from '@/lib/accounts/queries';
import { isUuid } from '@/lib/db/ids';
import { requireAdmin } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { parseIdentifier } from '@/lib/identifiers/parse';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { Card } from '@/components/ui/card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('admin.request.title') };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  await requireAdmin(isUuid(id) ? `/admin/demandes/${id}` : '/admin');
  const request = await findRequest(id);
  if (!request) notFound();
  const [t, locale, account] = await Promise.all([getTranslator(), getLocale(), request.accountId ? findAccount(request.accountId) : null]);
  const kinds = getConfig().identifierKinds;
  const parsed = request.identifier ? parseIdentifier(request.identifier, kinds) : null;
  const kind = parsed?.ok && parsed.type !== 'email' ? parsed.type : kinds[0];
  const none = t('admin.request.none');

  return (
    <div className="narrow stack">
      <AdminHeader title={t('admin.request.title')} notice={query} />

      <Card id="request-details" title={t('admin.request.detailsTitle')}>
        <dl className="details">
          <dt>{t('admin.request.received')}</dt>
          <dd>
            <time dateTime={request.createdAt.toISOString()}>{dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(request.createdAt)}</time>
          </dd>
          <dt>{t('admin.request.status')}</dt>
          <dd>
            <span className={`badge badge--request-${request.status}`}>{t(`admin.requestStatus.${request.status}`)}</span>
          </dd>
          <dt>{t('admin.request.name')}</dt>
          <dd>{request.name}</dd>
          <dt>{t('admin.request.organisation')}</dt>
          <dd>{request.organisation || none}</dd>
          <dt>{t('admin.request.identifier')}</dt>
          <dd>{request.identifier || none}</dd>
          <dt>{t('admin.request.email')}</dt>
          <dd>{request.email}</dd>
          <dt>{t('admin.request.phone')}</dt>
          <dd>{request.phone || none}</dd>
          <dt>{t('admin.request.locale')}</dt>
          <dd>{t(`admin.locales.${request.locale}`)}</dd>
          <dt>{t('admin.request.message')}</dt>
          <dd className="pre-line">{request.message}</dd>
          {account && (
            <>
              <dt>{t('admin.request.account')}</dt>
              <dd>
                <Link href={`/admin/comptes/${account.id}`}>{t('admin.request.openAccount', { identifier: account.identifier })}</Link>
              </dd>
            </>
          )}
        </dl>
      </Card>

      <Card id="request-follow" title={t('admin.request.followTitle')}>
        <form action={updateRequestAction} className="form">
          <input type="hidden" name="requestId" value={request.id} />
          <Select id="request-status" name="status" label={t('admin.request.status')} defaultValue={request.status} options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`admin.requestStatus.${s}`) }))} />
          <TextArea id="request-notes" name="notes" label={t('admin.request.notes')} hint={t('admin.request.notesHint')} rows={4} maxLength={NOTES_LIMIT} defaultValue={request.notes} />
          <div>
            <Button type="submit" variant="secondary">
              {t('admin.request.save')}
            </Button>
          </div>
        </form>
      </Card>

      {!account && (
        <Card id="request-create" title={t('admin.request.createTitle')}>
          <p>{t('admin.request.createIntro')}</p>
          <AccountForm
            action={createAccountAction}
            kinds={kinds}
            requestId={request.id}
            submitLabel={t('admin.request.createSubmit')}
            defaults={{ identifier: parsed?.ok ? parsed.value : '', kind, email: request.email, name: request.name, locale: request.locale }}
          />
        </Card>
      )}
    </div>
  );
}
