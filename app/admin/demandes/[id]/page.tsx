import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { updateRequestAction } from '@/app/admin/demandes/actions';
import { AccountForm } from '@/components/admin/account-form';
import { AdminNav } from '@/components/admin/admin-nav';
import { adminDateFormat } from '@/components/admin/format';
import { AdminNotice } from '@/components/admin/notice';
import { Select } from '@/components/ui/select';
import { Button } from '@/components/ui/button';
import { TextArea } from '@/components/ui/text-area';
import { findAccount, findRequest, isUuid } from '@/lib/admin/queries';
import { requireAdmin } from '@/lib/admin/require-admin';
import { getConfig } from '@/lib/config';
import { parseIdentifier } from '@/lib/identifiers';
import { getLocale, getTranslator } from '@/lib/i18n/server';
import { ADMIN_LIMITS, REQUEST_STATUSES } from '@/lib/schemas/admin';

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
      <AdminNav />
      <h1>{t('admin.request.title')}</h1>
      <AdminNotice ok={query.ok} error={query.erreur} t={t} />

      <section className="card" aria-labelledby="request-details">
        <h2 id="request-details" className="card__title">
          {t('admin.request.detailsTitle')}
        </h2>
        <dl className="details">
          <dt>{t('admin.request.received')}</dt>
          <dd>
            <time dateTime={request.createdAt.toISOString()}>{adminDateFormat(locale).format(request.createdAt)}</time>
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
      </section>

      <section className="card" aria-labelledby="request-follow">
        <h2 id="request-follow" className="card__title">
          {t('admin.request.followTitle')}
        </h2>
        <form action={updateRequestAction} className="form">
          <input type="hidden" name="requestId" value={request.id} />
          <Select id="request-status" name="status" label={t('admin.request.status')} defaultValue={request.status} options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`admin.requestStatus.${s}`) }))} />
          <TextArea id="request-notes" name="notes" label={t('admin.request.notes')} hint={t('admin.request.notesHint')} rows={4} maxLength={ADMIN_LIMITS.notes} defaultValue={request.notes} />
          <div>
            <Button type="submit" variant="secondary">
              {t('admin.request.save')}
            </Button>
          </div>
        </form>
      </section>

      {!account && (
        <section className="card" aria-labelledby="request-create">
          <h2 id="request-create" className="card__title">
            {t('admin.request.createTitle')}
          </h2>
          <p>{t('admin.request.createIntro')}</p>
          <AccountForm
            kinds={kinds}
            requestId={request.id}
            submitLabel={t('admin.request.createSubmit')}
            defaults={{ identifier: parsed?.ok ? parsed.value : '', kind, email: request.email, name: request.name, locale: request.locale }}
          />
        </section>
      )}
    </div>
  );
}
