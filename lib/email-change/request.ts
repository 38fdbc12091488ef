import { eq } from 'drizzle-orm';
import { emailLocaleOf } from '@/lib/accounts/email-locale';
import { audit } from '@/lib/audit';
import { HashPoolBusy } from '@/lib/crypto/hash-pool';
import { reserveLoginAttempt } from '@/lib/auth/login-throttle';
import { verifyPassword } from '@/lib/crypto/password-hash';
import type { SessionUser } from '@/lib/sessions/sessions';
import { DAY, HOUR, now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { createEmailChangeLink } from '@/lib/email-change/links';
import type { EmailChangeField, EmailChangeValues } from '@/lib/email-change/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import type { MessageKey } from '@/lib/i18n/messages';
import { enqueueEmail } from '@/lib/mail/queue';
import { emailChangeConfirmEmail, emailChangeNoticeEmail } from '@/lib/mail/templates/email-change';
import { MAX_PASSWORD_INPUT } from '@/lib/passwords/length';
import { hit } from '@/lib/rate-limit';

/** Confirmation links one account may ask for: a typo or two, not a mail cannon aimed at strangers. */
export const EMAIL_CHANGE_LIMITS = { perAccountHour: 3, perAccountDay: 10 } as const;

export type EmailChangeResult =
  | { outcome: 'sent'; newEmail: string; currentEmail: string }
  | { outcome: 'throttled'; retryAfterMinutes: number }
  | { outcome: 'tooMany' }
  | { outcome: 'refused'; errors: Partial<Record<EmailChangeField, MessageKey>> }
  /** The account has no password (it was disabled or reset meanwhile). */
  | { outcome: 'noPassword' };

/**
 * "Changer mon adresse e-mail", asked from /espace with a well-formed new address. The current
 * password is checked through the hashing pool and counts towards the login throttle like at
 * sign-in; then a confirmation link goes to the new address and a notice to the current one.
 * Nothing about the account changes here: only confirming the link does (links.ts).
 * The emails are queued; the caller delivers them after the response.
 */
export async function requestEmailChange(user: SessionUser, values: EmailChangeValues, request: RequestInfo): Promise<EmailChangeResult> {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, user.id)).limit(1);
  if (!account?.passwordHash || account.status !== 'active') return { outcome: 'noPassword' };
  // The form checked it against the address the page showed; the account may have changed since.
  if (values.email === account.email) return { outcome: 'refused', errors: { email: 'selfService.email.same' } };

  const reserved = await reserveLoginAttempt(account.identifier, request.ip);
  if (!reserved.ok) return { outcome: 'throttled', retryAfterMinutes: reserved.retryAfterMinutes };
  let matches: boolean;
  try {
    matches = await verifyPassword(values.current.slice(0, MAX_PASSWORD_INPUT), account.passwordHash);
  } catch (error) {
    // Nothing was checked: nothing counts (the caller says the service is busy).
    if (error instanceof HashPoolBusy) await reserved.reservation.untried();
    throw error;
  }
  if (!matches) return { outcome: 'refused', errors: { current: 'password.wrongCurrent' } };
  await reserved.reservation.succeeded();

  const withinLimits =
    (await hit(`email-change:account-hour:${account.id}`, EMAIL_CHANGE_LIMITS.perAccountHour, HOUR)) &&
    (await hit(`email-change:account-day:${account.id}`, EMAIL_CHANGE_LIMITS.perAccountDay, DAY));
  if (!withinLimits) {
    await audit({ type: 'email_change_throttled', accountId: account.id, identifier: account.identifier, request });
    return { outcome: 'tooMany' };
  }

  const config = getConfig();
  const at = now();
  const locale = emailLocaleOf(account);
  const line = { kind: account.kind, identifier: account.identifier, name: account.name };
  const { url } = await createEmailChangeLink(account, values.email);
  await enqueueEmail({
    kind: 'email_change_confirm',
    to: values.email,
    accountId: account.id,
    idempotencyKey: `email-change-confirm/${account.id}/${at.getTime()}`,
    ...emailChangeConfirmEmail({ locale, orgName: config.orgName, ttlHours: config.resetTokenTtlHours, supportEmail: config.supportEmail, account: line, newEmail: values.email, url }),
  });
  await enqueueEmail({
    kind: 'email_change_notice',
    to: account.email,
    accountId: account.id,
    idempotencyKey: `email-change-notice/${account.id}/${at.getTime()}`,
    ...emailChangeNoticeEmail({ locale, orgName: config.orgName, supportEmail: config.supportEmail, appUrl: config.appUrl, account: line, newEmail: values.email, at }),
  });
  await audit({ type: 'email_change_requested', accountId: account.id, identifier: account.identifier, request, details: { from: account.email, to: values.email } });
  return { outcome: 'sent', newEmail: values.email, currentEmail: account.email };
}
