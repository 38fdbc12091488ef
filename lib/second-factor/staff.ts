import { eq } from 'drizzle-orm';
import type { Actor } from '@/lib/audit';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { emailAccount } from '@/lib/mail/account-email';
import { secondFactorRemovedEmail } from '@/lib/mail/templates/second-factor-removed';
import { removeTotp } from '@/lib/second-factor/factors';

/**
 * Customer service removes a holder's authenticator app (a lost phone, the recovery codes with
 * it). Audited with the admin as actor; the holder gets an email, so a removal they did not ask
 * for does not go unnoticed. An admin's last factor stays.
 */
export async function staffRemoveTotp(accountId: string, actor: Actor & { request: RequestInfo }): Promise<'removed' | 'none' | 'lastFactor' | 'notFound'> {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) return 'notFound';
  const result = await removeTotp(account, actor.request, actor);
  if (!result.ok) return result.reason;
  await emailAccount('second_factor_removed', account, (letterhead) =>
    secondFactorRemovedEmail({ ...letterhead, identifier: account.identifier, name: account.name }),
  );
  return 'removed';
}
