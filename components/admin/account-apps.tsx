import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { dateFormat } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/messages';
import { getTranslator } from '@/lib/http/locale';
import { appsOfAccount } from '@/lib/oidc/admin-views';

/** An account's page in /admin: the organisation's apps it signed in to with Sésame. */
export async function AccountApps({ accountId, locale }: { accountId: string; locale: Locale }) {
  const [t, apps] = await Promise.all([getTranslator(), appsOfAccount(accountId)]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card id="account-apps" title={t('openIdConnect.admin.appsTitle')}>
      {apps.length === 0 ? (
        <p data-testid="account-apps">{t('openIdConnect.admin.noApps')}</p>
      ) : (
        <DataTable id="account-apps-caption" caption={t('openIdConnect.admin.appsCaption')} columns={[t('openIdConnect.admin.name'), t('openIdConnect.admin.lastSignIn'), t('openIdConnect.admin.signInsAll')]}>
          {apps.map((a) => (
            <tr key={a.clientId}>
              <th scope="row">{a.name ?? t('openIdConnect.admin.removedApp', { id: a.clientId })}</th>
              <td>
                <time dateTime={a.lastSignIn.toISOString()}>{date.format(a.lastSignIn)}</time>
              </td>
              <td>{a.signIns}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
