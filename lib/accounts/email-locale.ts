import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts, type Account } from '@/lib/db/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import type { Locale } from '@/lib/i18n/messages';
import { emailLocaleOf } from '@/lib/mail/account-email';

/**
 * "Langue de mes e-mails" in /espace: the holder's choice of language for every email about their
 * account, which `emailLocaleOf` (lib/mail/account-email.ts) puts before the organisation's.
 */

/** Records the holder's choice; an import or a staff edit of `locale` never overrides it. */
export async function setEmailLocale(account: Pick<Account, 'id' | 'identifier'>, locale: Locale, request: RequestInfo): Promise<void> {
  await getDb().update(accounts).set({ emailLocale: locale, updatedAt: now() }).where(eq(accounts.id, account.id));
  await audit({ type: 'email_locale_changed', accountId: account.id, identifier: account.identifier, request, details: { locale } });
}

/** The language emails to this account are written in today (what /espace shows as chosen). */
export async function currentEmailLocale(accountId: string): Promise<Locale> {
  const [row] = await getDb().select({ locale: accounts.locale, emailLocale: accounts.emailLocale }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return row ? emailLocaleOf(row) : 'fr';
}
