import { escapeHtml } from '@/lib/html';
import { dateFormat } from '@/lib/i18n/format';
import { translator } from '@/lib/i18n/messages';
import { heading, layout, PARAGRAPH, paragraph, type AccountNoticeInput, type RenderedEmail } from '@/lib/mail/templates/layout';

export type SecondFactorLockedInput = AccountNoticeInput & {
  /** Wrong codes in a row that locked the app's codes. */
  wrongCodes: number;
};

/**
 * To the holder, once, when too many wrong codes in a row locked their app's codes: someone typed
 * the right password. What still works (a recovery code, a reset, customer service), and what to
 * do if it was not them.
 */
export function secondFactorLockedEmail(input: SecondFactorLockedInput): RenderedEmail {
  const { locale, orgName, identifier, name, supportEmail, wrongCodes } = input;
  const t = translator(locale);
  const resetUrl = `${input.appUrl.replace(/\/+$/, '')}/mot-de-passe-oublie`;
  const when = dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(input.at);
  const subject = t('secondFactor.email.lockedSubject');
  const c = {
    greeting: name ? t('email.greeting', { name }) : t('email.greetingNoName'),
    what: t('secondFactor.email.lockedWhat', { orgName, identifier, when, count: wrongCodes }),
    ifYou: t('secondFactor.email.lockedIfYou', { supportEmail }),
    notYou: t('secondFactor.email.lockedNotYou', { resetUrl }),
    signature: t('email.signature', { orgName }),
  };
  // The reset address becomes a link inside its sentence; everything around it is escaped text.
  const [beforeUrl, afterUrl] = c.notYou.split(resetUrl);
  const notYouHtml = `<p style="${PARAGRAPH}">${escapeHtml(beforeUrl)}<a href="${escapeHtml(resetUrl)}" style="color:#1f3a8a;">${escapeHtml(resetUrl)}</a>${escapeHtml(afterUrl ?? '')}</p>`;
  const html = layout(
    locale,
    subject,
    [heading(subject), paragraph(c.greeting), paragraph(c.what), paragraph(c.ifYou), notYouHtml, paragraph(c.signature)].join('\n'),
  );
  return { subject, html, text: `${[c.greeting, c.what, c.ifYou, c.notYou, c.signature].join('\n\n')}\n` };
}
