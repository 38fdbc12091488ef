import { dateFormat } from '@/lib/i18n/format';
import { translator, type Locale } from '@/lib/i18n/messages';
import { heading, layout, paragraph, type RenderedEmail } from '@/lib/mail/templates/layout';

export type SecondFactorRemovedInput = { locale: Locale; orgName: string; identifier: string; name: string; supportEmail: string; at: Date };

/** To the holder, when customer service removed their authenticator app. */
export function secondFactorRemovedEmail(input: SecondFactorRemovedInput): RenderedEmail {
  const { locale, orgName, identifier, name, supportEmail } = input;
  const t = translator(locale);
  const when = dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(input.at);
  const subject = t('secondFactor.email.removedSubject');
  const parts = [
    name ? t('email.greeting', { name }) : t('email.greetingNoName'),
    t('secondFactor.email.removedWhat', { orgName, identifier, when }),
    t('secondFactor.email.removedAgain'),
    t('secondFactor.email.removedNotYou', { supportEmail }),
    t('email.signature', { orgName }),
  ];
  const html = layout(locale, subject, [heading(subject), ...parts.map((p) => paragraph(p))].join('\n'));
  return { subject, html, text: `${parts.join('\n\n')}\n` };
}
