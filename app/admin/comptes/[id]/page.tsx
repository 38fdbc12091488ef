import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { clearThrottlesAction, sendLinkAction, setDisabledAction } from '@/app/admin/comptes/actions';
import { AdminHeader } from '@/components/admin/admin-header';
import { dateFormat } from '@/lib/i18n/format';
import { ProfileForm } from '@/app/admin/comptes/[id]/profile-form';
import { AccountApps } from '@/components/admin/account-apps';
import { EmailHistory } from '@/components/admin/email-history';
import { LinkState } from '@/components/admin/link-state';
import { StaffSecondFactorPanel } from '@/app/admin/comptes/[id]/second-factor-panel';
import { Button } from '@/components/ui/button';
import { passwordState } from '@/lib/accounts/imported-passwords';
import { EVENTS_LIMIT, findAccount, recentAccountEvents } from '@/lib/accounts/queries';
import { isUuid } from '@/lib/db/ids';
import { requireAdmin } from '@/lib/auth/guards';
import { openSessions } from '@/lib/sessions/sessions';
import { getConfig } from '@/lib/config';
import type { MessageKey } from '@/lib/i18n/messages';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('admin.account.detailsTitle') };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const admin = await requireAdmin(isUuid(id) ? `/admin/comptes/${id}` : '/admin');
  const account = await findAccount(id);
  if (!account) notFound();
  const [t, locale, sessions, events] = await Promise.all([getTranslator(), getLocale(), openSessions(account.id), recentAccountEvents(account.id)]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: Date | null) => (value ? <time dateTime={value.toISOString()}>{date.format(value)}</time> : t('admin.account.never'));
  // Audit types other features add later show as they are stored until they get a label.
  const eventLabel = (type: string) => {
    for (const key of [`admin.events.${type}`, `secondFactor.events.${type}`, `openIdConnect.events.${type}`] as MessageKey[]) {
      const label = t(key);
      if (label !== key) return label;
    }
    return type;
  };
  const self = account.id === admin.id;
  // Whether the password is still the one imported from the old site; never the hash itself.
  const password = passwordState(account);

  return (
    <div className="narrow stack">
      <AdminHeader title={t('admin.account.title', { identifier: account.identifier })} notice={query} />

      <Card id="account-details" title={t('admin.account.detailsTitle')}>
        <dl className="details">
          <dt>{t('admin.account.identifier')}</dt>
          <dd className="identifier">{account.identifier}</dd>
          <dt>{t('admin.account.kind')}</dt>
          <dd>{t(`admin.kinds.${account.kind}`)}</dd>
          <dt>{t('admin.account.name')}</dt>
          <dd>{account.name || t('admin.account.noName')}</dd>
          <dt>{t('admin.account.email')}</dt>
          <dd>{account.email}</dd>
          <dt>{t('admin.account.role')}</dt>
          <dd>{t(`admin.roles.${account.role}`)}</dd>
          <dt>{t('admin.account.status')}</dt>
          <dd>
            <span className={`badge badge--${account.status}`} data-testid="account-status">
              {t(`admin.status.${account.status}`)}
            </span>
          </dd>
          <dt>{t('admin.account.created')}</dt>
          <dd>{when(account.createdAt)}</dd>
          <dt>{t('admin.account.activated')}</dt>
          <dd>{when(account.activatedAt)}</dd>
          <dt>{t('admin.account.lastSignIn')}</dt>
          <dd>{when(account.lastSignInAt)}</dd>
          <dt>{t('admin.account.invited')}</dt>
          <dd>{when(account.invitedAt)}</dd>
          <dt>{t('admin.account.sessions')}</dt>
          <dd data-testid="open-sessions">{sessions.length}</dd>
          <dt>{t('admin.account.password')}</dt>
          <dd data-testid="password-state">{t(`admin.account.passwordState.${password}`)}</dd>
          {password === 'imported' && account.passwordImportedAt && (
            <>
              <dt>{t('admin.account.passwordImported')}</dt>
              <dd>{when(account.passwordImportedAt)}</dd>
            </>
          )}
        </dl>
      </Card>

      <Card id="account-actions" title={t('admin.account.actionsTitle')}>
        <div className="admin-actions">
          <div className="admin-actions__item">
            {account.status === 'disabled' ? (
              <p className="muted">{t('admin.account.noLinkDisabled')}</p>
            ) : (
              <form action={sendLinkAction}>
                <input type="hidden" name="accountId" value={account.id} />
                <p className="muted">{t('admin.account.linkHelp', { hours: getConfig().resetTokenTtlHours })}</p>
                <Button type="submit">{account.status === 'pending' ? t('admin.account.sendActivation') : t('admin.account.sendReset')}</Button>
              </form>
            )}
          </div>
          <div className="admin-actions__item">
            <form action={clearThrottlesAction}>
              <input type="hidden" name="accountId" value={account.id} />
              <p className="muted">{t('admin.account.throttlesHelp')}</p>
              <Button type="submit" variant="secondary">
                {t('admin.account.clearThrottles')}
              </Button>
            </form>
          </div>
          <div className="admin-actions__item">
            {account.status === 'disabled' ? (
              <form action={setDisabledAction}>
                <input type="hidden" name="accountId" value={account.id} />
                <input type="hidden" name="disable" value="0" />
                <Button type="submit" variant="secondary">
                  {t('admin.account.enable')}
                </Button>
              </form>
            ) : self ? (
              <p className="muted">{t('admin.account.self')}</p>
            ) : (
              <form action={setDisabledAction}>
                <input type="hidden" name="accountId" value={account.id} />
                <input type="hidden" name="disable" value="1" />
                <p className="muted">{t('admin.account.disableHelp')}</p>
                <Button type="submit" variant="secondary" className="button--danger">
                  {t('admin.account.disable')}
                </Button>
              </form>
            )}
          </div>
        </div>
      </Card>

      <LinkState accountId={account.id} locale={locale} />
      <EmailHistory accountId={account.id} locale={locale} />
      <AccountApps accountId={account.id} locale={locale} />
      <StaffSecondFactorPanel account={account} notice={typeof query.facteur === 'string' ? query.facteur : undefined} />

      <Card id="account-profile" title={t('admin.account.profileTitle')}>
        <ProfileForm accountId={account.id} email={account.email} name={account.name} />
      </Card>

      <Card id="account-events" title={t('admin.account.eventsTitle')}>
        {events.length === 0 ? (
          <p>{t('admin.account.noEvents')}</p>
        ) : (
          <DataTable
            id="events-caption"
            caption={t('admin.account.eventsCaption', { max: EVENTS_LIMIT })}
            columns={[t('admin.account.when'), t('admin.account.event'), t('admin.account.ip')]}
          >
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at.toISOString()}>{dateFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(e.at)}</time>
                </td>
                <th scope="row">{eventLabel(e.type)}</th>
                <td>{e.ip ?? ''}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
