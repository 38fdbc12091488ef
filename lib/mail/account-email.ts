import { createHash } from 'node:crypto';
import { now } from '@/lib/clock';
import { getConfig } from '@/lib/config';
import type { Account } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/messages';
import { enqueueEmail, type QueuedEmail } from '@/lib/mail/queue';
import type { RenderedEmail } from '@/lib/mail/templates/layout';

/**
 * The one way to write to an account: every email about an account (password links, the
 * change-of-address emails, the "password changed" notice, the removal of a second factor by
 * staff, the app's codes locked…) gets its language, the organisation's name and its idempotency key here.
 */

/**
 * The language every email about an account is written in: the one its holder chose in /espace
 * ("Langue de mes e-mails", lib/accounts/email-locale.ts), else the one the organisation set
 * (`locale`, from the import or the admin pages).
 */
export function emailLocaleOf(account: Pick<Account, 'locale' | 'emailLocale'>): Locale {
  return account.emailLocale ?? account.locale;
}

/** Every email to an account (the outbox's `template`), and the start of its idempotency keys. */
const KEY_PREFIXES = {
  activation: 'password-link',
  reset: 'password-link',
  password_changed: 'password-changed',
  email_change_confirm: 'email-change-confirm',
  email_change_notice: 'email-change-notice',
  second_factor_removed: 'second-factor-removed',
  second_factor_locked: 'second-factor-locked',
} as const;

export type AccountEmailTemplate = keyof typeof KEY_PREFIXES;

/** What every template of an email to an account is given, besides what the email is about. */
export type Letterhead = {
  locale: Locale;
  orgName: string;
  supportEmail: string;
  appUrl: string;
  /** How long an emailed link stays valid. */
  ttlHours: number;
  /** When the email is written: the time it states, and part of its idempotency key. */
  at: Date;
};

export type EmailedAccount = Pick<Account, 'id' | 'email' | 'locale' | 'emailLocale'>;

type Options = {
  /** Another address than the account's: the new one a change of address is confirmed from. */
  to?: string;
  /** One moment for several messages written together. */
  at?: Date;
};

// Hashed, so that the key stays short however many accounts share the address.
const keyOfList = (list: EmailedAccount[]) => createHash('sha256').update(list.map((a) => a.id).join('+')).digest('hex').slice(0, 32);

/**
 * An email about `about`, ready for the outbox or a batch: one account, or the accounts sharing one
 * address (a family) that one message lists, written in the first one's language and sent to its
 * address. Its key names the account (or the list) and the moment: one key per message, so a retry
 * is never delivered twice.
 */
export function accountEmail(
  template: AccountEmailTemplate,
  about: EmailedAccount | EmailedAccount[],
  write: (letterhead: Letterhead) => RenderedEmail,
  options: Options = {},
): QueuedEmail {
  const group = Array.isArray(about) ? about : [about];
  const [first] = group;
  if (!first) throw new Error('An email about accounts needs at least one account');
  const { orgName, supportEmail, appUrl, resetTokenTtlHours } = getConfig();
  const at = options.at ?? now();
  const keyedBy = Array.isArray(about) ? keyOfList(about) : first.id;
  return {
    template,
    to: options.to ?? first.email,
    ...write({ locale: emailLocaleOf(first), orgName, supportEmail, appUrl, ttlHours: resetTokenTtlHours, at }),
    // The account when the message is about one; null when it lists several.
    accountId: group.length === 1 ? first.id : null,
    idempotencyKey: `${KEY_PREFIXES[template]}/${keyedBy}/${at.getTime()}`,
  };
}

/** Queues an email about an account (`accountEmail`); the caller delivers the queue when it suits it. */
export async function emailAccount(
  template: AccountEmailTemplate,
  account: EmailedAccount,
  write: (letterhead: Letterhead) => RenderedEmail,
  options: Options = {},
): Promise<void> {
  await enqueueEmail(accountEmail(template, account, write, options));
}
