import { escapeHtml } from '@/lib/html';
import { dateFormat } from '@/lib/i18n/format';
import { translator, type Locale } from '@/lib/i18n/messages';
import { assertWebUrl, heading, layout, linkWithAddress, PARAGRAPH, paragraph, type RenderedEmail } from '@/lib/mail/templates/layout';

type AccountLine = { kind: 'licence' | 'client'; identifier: string; name: string };

const accountLine = (t: ReturnType<typeof translator>, a: AccountLine) => `${t(`email.kinds.${a.kind}`)} ${a.identifier}`;
const greeting = (t: ReturnType<typeof translator>, name: string) => (name ? t('email.greeting', { name }) : t('email.greetingNoName'));

/** To the new address: the link that makes it the account's, and that nothing changes without it. */
export function emailChangeConfirmEmail(input: {
  locale: Locale;
  orgName: string;
  ttlHours: number;
  supportEmail: string;
  account: AccountLine;
  newEmail: string;
  url: string;
}): RenderedEmail {
  const { locale, orgName, ttlHours, supportEmail, account, newEmail } = input;
  const url = assertWebUrl(input.url);
  const t = translator(locale);
  const subject = t('selfServiceEmail.confirm.subject', { orgName });
  const c = {
    greeting: greeting(t, account.name),
    intro: t('selfServiceEmail.confirm.intro', { orgName, account: accountLine(t, account), email: newEmail }),
    validity: t('selfServiceEmail.confirm.validity', { hours: ttlHours }),
    ignore: t('selfServiceEmail.confirm.ignore'),
    help: t('email.passwordLink.help', { supportEmail }),
    signature: t('email.signature', { orgName }),
    action: t('selfServiceEmail.confirm.action'),
  };
  const html = layout(
    locale,
    subject,
    [
      heading(subject),
      paragraph(c.greeting),
      paragraph(c.intro),
      linkWithAddress(url, c.action, t('email.passwordLink.rawUrl')),
      paragraph(c.validity),
      paragraph(c.ignore),
      paragraph(c.help),
      paragraph(c.signature),
    ].join('\n'),
  );
  const text = [c.greeting, c.intro, `${c.action} :\n${url}`, c.validity, c.ignore, c.help, c.signature].join('\n\n');
  return { subject, html, text: `${text}\n` };
}

/** To the old address: a change was asked, nothing changes until it is confirmed, and what to do if it was not them. */
export function emailChangeNoticeEmail(input: {
  locale: Locale;
  orgName: string;
  supportEmail: string;
  appUrl: string;
  account: AccountLine;
  newEmail: string;
  at: Date;
}): RenderedEmail {
  const { locale, orgName, supportEmail, account, newEmail } = input;
  const t = translator(locale);
  const resetUrl = assertWebUrl(`${input.appUrl.replace(/\/+$/, '')}/mot-de-passe-oublie`);
  const when = dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(input.at);
  const subject = t('selfServiceEmail.notice.subject', { orgName });
  const c = {
    greeting: greeting(t, account.name),
    what: t('selfServiceEmail.notice.what', { when, orgName, account: accountLine(t, account), email: newEmail }),
    nothingYet: t('selfServiceEmail.notice.nothingYet'),
    notYou: t('selfServiceEmail.notice.notYou', { resetUrl, supportEmail }),
    signature: t('email.signature', { orgName }),
  };
  // The reset address and customer service's become links inside their sentence; the rest is escaped text.
  const [beforeUrl, afterUrl] = c.notYou.split(resetUrl);
  const at = afterUrl.indexOf(supportEmail);
  const mailto = `<a href="mailto:${escapeHtml(supportEmail)}" style="color:#1f3a8a;">${escapeHtml(supportEmail)}</a>`;
  const rest = at < 0 ? escapeHtml(afterUrl) : `${escapeHtml(afterUrl.slice(0, at))}${mailto}${escapeHtml(afterUrl.slice(at + supportEmail.length))}`;
  const notYouHtml = `<p style="${PARAGRAPH}">${escapeHtml(beforeUrl)}<a href="${escapeHtml(resetUrl)}" style="color:#1f3a8a;">${escapeHtml(resetUrl)}</a>${rest}</p>`;
  const html = layout(
    locale,
    subject,
    [heading(subject), paragraph(c.greeting), paragraph(c.what), paragraph(c.nothingYet), notYouHtml, paragraph(c.signature)].join('\n'),
  );
  const text = [c.greeting, c.what, c.nothingYet, c.notYou, c.signature].join('\n\n');
  return { subject, html, text: `${text}\n` };
}
