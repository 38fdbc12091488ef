import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import { emailAccount } from '@/lib/mail/account-email';
import { secondFactorLockedEmail } from '@/lib/mail/templates/second-factor-locked';
import { WRONG_CODES_UNTIL_LOCK } from '@/lib/throttles/codes';

/**
 * The app's codes just locked (factors.ts `verifyCode`, at the WRONG_CODES_UNTIL_LOCK-th wrong code
 * in a row): audited, and the holder is emailed once, at this moment only. Wrong codes mean someone
 * got past the password: if it was not them, they learn it here and can change it. The caller
 * delivers the queue when it suits it.
 */
export async function noticeCodesLocked(holder: Pick<Account, 'id' | 'identifier'>, request: RequestInfo): Promise<void> {
  await audit({ type: 'second_factor_locked', accountId: holder.id, identifier: holder.identifier, request, details: { wrongCodes: WRONG_CODES_UNTIL_LOCK } });
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, holder.id)).limit(1);
  if (!account) return;
  await emailAccount('second_factor_locked', account, (letterhead) =>
    secondFactorLockedEmail({ ...letterhead, identifier: account.identifier, name: account.name, wrongCodes: WRONG_CODES_UNTIL_LOCK }),
  );
}
