import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { getTranslator } from '@/lib/http/locale';
import { clientsForAdmin } from '@/lib/oidc/admin-views';

/** /admin: the apps that sign people in with Sésame (registered with `npm run accounts -- clients add`). */
export async function OidcClients() {
  const [t, clients] = await Promise.all([getTranslator(), clientsForAdmin()]);
  return (
    <Card id="oidc-clients-title" title={t('openIdConnect.admin.clientsTitle')}>
      {clients.length === 0 ? (
        <p>{t('openIdConnect.admin.noClients')}</p>
      ) : (
        <DataTable
          id="oidc-clients-caption"
          caption={t('openIdConnect.admin.clientsCaption')}
          columns={[t('openIdConnect.admin.name'), t('openIdConnect.admin.clientId'), t('openIdConnect.admin.type'), t('openIdConnect.admin.redirects'), t('openIdConnect.admin.signIns')]}
        >
          {clients.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td className="identifier">{c.id}</td>
              <td>
                {t(c.confidential ? 'openIdConnect.admin.confidential' : 'openIdConnect.admin.public')}
                {c.requireSecondFactor && <> · {t('openIdConnect.admin.secondFactor')}</>}
              </td>
              <td className="table__email">{c.redirectUris.join(' ')}</td>
              <td>{c.signIns30Days}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="muted">{t('openIdConnect.admin.howToAdd')}</p>
    </Card>
  );
}
