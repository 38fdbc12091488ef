import { escapeHtml } from '@/lib/html';
import { translator, type Locale } from '@/lib/i18n/messages';
import { assertWebUrl, heading, layout, linkWithAddress, PARAGRAPH, paragraph, type RenderedEmail } from '@/lib/mail/templates/layout';

export type PasswordLink = {
  identifier: string;
  kind: 'licence' | 'client';
  name: string;
  purpose: 'activation' | 'reset';
  url: string;
};

export type PasswordLinkEmailInput = {
  locale: Locale;
  orgName: string;
  ttlHours: number;
  supportEmail: string;
  links: PasswordLink[];
};

/**
 * The link to create (first connection) or choose a new password. One address may hold several
 * accounts (a family): they get one email, with one link per account at the very bottom.
 */
export function passwordLinkEmail(input: PasswordLinkEmailInput): RenderedEmail {
  if (input.links.length === 0) throw new Error('passwordLinkEmail needs at least one link');
  const { locale, orgName, ttlHours, supportEmail } = input;
  const links = input.links.map((l) => ({ ...l, url: assertWebUrl(l.url) }));
  const t = translator(locale);
  const single = links.length === 1;
  const allActivation = links.every((l) => l.purpose === 'activation');
  const identifiers = links.map((l) => (l.name ? `${l.identifier} (${l.name})` : l.identifier)).join(', ');

  const subject = t(allActivation ? 'email.passwordLink.subjectActivation' : 'email.passwordLink.subjectReset', { orgName });
  const intro = !single
    ? t('email.passwordLink.introSeveral', { orgName })
    : t(allActivation ? 'email.passwordLink.introActivation' : 'email.passwordLink.introReset', { orgName });
  const c = {
    greeting: single && links[0].name ? t('email.greeting', { name: links[0].name }) : t('email.greetingNoName'),
    intro,
    identifiers: t(single ? 'email.passwordLink.identifier' : 'email.passwordLink.identifierSeveral', { identifiers }),
    validity: t(single ? 'email.passwordLink.validity' : 'email.passwordLink.validitySeveral', { hours: ttlHours }),
    ignore: t('email.passwordLink.ignore'),
    help: t('email.passwordLink.help', { supportEmail }),
    signature: t('email.signature', { orgName }),
  };
  const linksTitle = t(single ? 'email.passwordLink.linksTitle' : 'email.passwordLink.linksTitleSeveral');
  const action = (l: PasswordLink) => t(l.purpose === 'activation' ? 'email.passwordLink.activate' : 'email.passwordLink.reset');
  // Several buttons in one message must not share the same accessible name.
  const buttonLabel = (l: PasswordLink) => (single ? action(l) : `${action(l)} (${l.identifier})`);
  const account = (l: PasswordLink) => `${t(`email.kinds.${l.kind}`)} ${l.identifier}${l.name ? ` · ${l.name}` : ''}`;

  const htmlLinks = links.map((l) => {
    return [
      `<div style="border-top:1px solid #e5e7eb;padding-top:16px;margin-top:16px;">`,
      `<p style="${PARAGRAPH}font-weight:bold;">${escapeHtml(account(l))}</p>`,
      linkWithAddress(l.url, buttonLabel(l), t('email.passwordLink.rawUrl')),
      '</div>',
    ].join('\n');
  });

  const html = layout(
    locale,
    subject,
    [
      heading(subject),
      paragraph(c.greeting),
      paragraph(c.intro),
      paragraph(c.identifiers, 'font-weight:bold;'),
      paragraph(c.validity),
      paragraph(c.ignore),
      paragraph(c.help),
      paragraph(c.signature),
      `<h2 style="font-size:18px;margin:24px 0 0;">${escapeHtml(linksTitle)}</h2>`,
      ...htmlLinks,
    ].join('\n'),
  );

  const text = [
    c.greeting,
    c.intro,
    c.identifiers,
    c.validity,
    c.ignore,
    c.help,
    c.signature,
    ...links.map((l) => `----------\n${account(l)}\n${t('email.passwordLink.textLink', { action: action(l) })}\n${l.url}`),
  ].join('\n\n');

  return { subject, html, text: `${text}\n` };
}
