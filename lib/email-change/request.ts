import { eq } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { SessionUser } from '@/lib/sessions/sessions';
import { now } from '@/lib/clock';
import { getDb } from '@/lib/db/client';
import { accounts } from '@/lib/db/schema';
import { createEmailChangeLink } from '@/lib/email-change/links';
import type { EmailChangeField, EmailChangeValues } from '@/lib/email-change/schema';
import type { RequestInfo } from '@/lib/http/request-info';
import type { MessageKey } from '@/lib/i18n/messages';
import { emailAccount } from '@/lib/mail/account-email';
import { emailChangeConfirmEmail, emailChangeNoticeEmail } from '@/lib/mail/templates/email-change';
import { checkCurrentPassword } from '@/lib/passwords/current-password';
import { THROTTLE_POLICIES } from '@/lib/throttles/policies';
import { countWithinLimit } from '@/lib/throttles/rate-limit';

/** Confirmation links one account may ask for: a typo or two, not a mail cannon aimed at strangers. */
const { emailChangeAccountHour, emailChangeAccountDay } = THROTTLE_POLICIES;
export const EMAIL_CHANGE_LIMITS = { perAccountHour: emailChangeAccountHour.limit, perAccountDay: emailChangeAccountDay.limit } as const;

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

  // A full hashing pool throws on: nothing was checked or counted, and the caller says so.
  const current = await checkCurrentPassword({ ...account, passwordHash: account.passwordHash }, values.current, request);
  if (!current.ok && current.reason === 'throttled') return { outcome: 'throttled', retryAfterMinutes: current.retryAfterMinutes };
  if (!current.ok) return { outcome: 'refused', errors: { current: 'password.wrongCurrent' } };

  const withinLimits =
    (await countWithinLimit(emailChangeAccountHour, account.id)) &&
    (await countWithinLimit(emailChangeAccountDay, account.id));
  if (!withinLimits) {
    await audit({ type: 'email_change_throttled', accountId: account.id, identifier: account.identifier, request });
    return { outcome: 'tooMany' };
  }

  const at = now();
  const line = { kind: account.kind, identifier: account.identifier, name: account.name };
  const { url } = await createEmailChangeLink(account, values.email);
  const newEmail = values.email;
  await emailAccount('email_change_confirm', account, (letterhead) => emailChangeConfirmEmail({ ...letterhead, account: line, newEmail, url }), {
    to: newEmail,
    at,
  });
  await emailAccount('email_change_notice', account, (letterhead) => emailChangeNoticeEmail({ ...letterhead, account: line, newEmail }), { at });
  await audit({ type: 'email_change_requested', accountId: account.id, identifier: account.identifier, request, details: { from: account.email, to: values.email } });
  return { outcome: 'sent', newEmail: values.email, currentEmail: account.email };
}
