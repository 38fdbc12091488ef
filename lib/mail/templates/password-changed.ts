import { escapeHtml } from '@/lib/html';
import { dateFormat } from '@/lib/i18n/format';
import { translator } from '@/lib/i18n/messages';
import { heading, layout, PARAGRAPH, paragraph, type AccountNoticeInput, type RenderedEmail } from '@/lib/mail/templates/layout';

export type PasswordChangedEmailInput = AccountNoticeInput;

/** After a password change: when, for which identifier, and what to do if it was not the owner. */
export function passwordChangedEmail(input: PasswordChangedEmailInput): RenderedEmail {
  const { locale, orgName, identifier, name, supportEmail } = input;
  const t = translator(locale);
  const resetUrl = `${input.appUrl.replace(/\/+$/, '')}/mot-de-passe-oublie`;
  const when = dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(input.at);

  const subject = t('email.passwordChanged.subject');
  const c = {
    greeting: name ? t('email.greeting', { name }) : t('email.greetingNoName'),
    what: t('email.passwordChanged.what', { orgName, identifier, when }),
    fine: t('email.passwordChanged.fine'),
    notYou: t('email.passwordChanged.notYou', { resetUrl, supportEmail }),
    signature: t('email.signature', { orgName }),
  };

  // The reset address becomes a link inside its sentence; everything around it is escaped text.
  const [beforeUrl, afterUrl] = c.notYou.split(resetUrl);
  const notYouHtml = `<p style="${PARAGRAPH}">${escapeHtml(beforeUrl)}<a href="${escapeHtml(resetUrl)}" style="color:#1f3a8a;">${escapeHtml(resetUrl)}</a>${escapeHtml(afterUrl)}</p>`;

  const html = layout(
    locale,
    subject,
    [heading(subject), paragraph(c.greeting), paragraph(c.what), paragraph(c.fine), notYouHtml, paragraph(c.signature)].join('\n'),
  );
  const text = [c.greeting, c.what, c.fine, c.notYou, c.signature].join('\n\n');
  return { subject, html, text: `${text}\n` };
}
