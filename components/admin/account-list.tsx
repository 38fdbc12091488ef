import { AccountCells } from '@/components/admin/account-cells';
import { DataTable } from '@/components/ui/data-table';
import type { ListedAccount } from '@/lib/accounts/list';
import type { Translate } from '@/lib/i18n/messages';

type Props = { rows: ListedAccount[]; caption: string; date: Intl.DateTimeFormat; t: Translate };

/** One page of a list of accounts, each leading to its page. */
export function AccountList({ rows, caption, date, t }: Props) {
  const when = (value: Date | null) => (value ? <time dateTime={value.toISOString()}>{date.format(value)}</time> : t('accounts.never'));
  return (
    <DataTable
      id="list-caption"
      caption={caption}
      columns={[
        t('admin.columns.identifier'),
        t('admin.columns.name'),
        t('admin.columns.email'),
        t('admin.columns.status'),
        t('accounts.columns.invited'),
        t('accounts.columns.activated'),
        t('accounts.columns.lastSignIn'),
      ]}
    >
      {rows.map((a) => (
        <tr key={a.id}>
          <AccountCells account={a} t={t} />
          <td>{when(a.invitedAt)}</td>
          <td>{when(a.activatedAt)}</td>
          <td>{when(a.lastSignInAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
