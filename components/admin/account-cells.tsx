import Link from 'next/link';
import type { Account } from '@/lib/db/schema';
import type { Translate } from '@/lib/i18n/messages';

type Props = { account: Pick<Account, 'id' | 'identifier' | 'name' | 'email' | 'status'>; t: Translate };

/** The first cells of an account's row in every staff table: its number (leading to its page), name, email and status. */
export function AccountCells({ account, t }: Props) {
  return (
    <>
      <th scope="row">
        <Link href={`/admin/comptes/${account.id}`} className="identifier-link">
          {account.identifier}
        </Link>
      </th>
      <td>{account.name}</td>
      <td className="table__email">{account.email}</td>
      <td>
        <span className={`badge badge--${account.status}`}>{t(`admin.status.${account.status}`)}</span>
      </td>
    </>
  );
}
