import { escapeHtml } from '@/lib/html';
import { translator, type Locale } from '@/lib/i18n/messages';
import { assertWebUrl, heading, layout, PARAGRAPH, paragraph, type RenderedEmail } from '@/lib/mail/templates/layout';

export type AccountRequestSummary = {
  name: string;
  organisation: string | null;
  identifier: string | null;
  email: string;
  phone: string | null;
  message: string;
};

const QUOTE = 'white-space:pre-wrap;border-left:3px solid #e5e7eb;padding-left:12px;';

/**
 * To the address typed in the form, which may be anyone's: a fixed text and the request's
 * reference, nothing the requester typed (no name, no message, no link), so the form cannot be
 * used to send words of one's choosing from the organisation's domain.
 */
export function accountRequestReceivedEmail(input: { locale: Locale; orgName: string; supportEmail: string; reference: string }): RenderedEmail {
  const { locale, orgName, supportEmail, reference } = input;
  const t = translator(locale);
  const subject = t('email.accountRequestReceived.subject', { orgName });
  const c = {
    greeting: t('email.greetingNoName'),
    body: t('email.accountRequestReceived.body'),
    reference: t('requestAck.reference', { reference }),
    referenceHint: t('requestAck.referenceHint'),
    help: t('email.accountRequestReceived.help', { supportEmail }),
    signature: t('email.signature', { orgName }),
  };
  const html = layout(
    locale,
    subject,
    [
      heading(subject),
      paragraph(c.greeting),
      paragraph(c.body),
      paragraph(c.reference, 'font-weight:bold;margin-bottom:4px;'),
      paragraph(c.referenceHint),
      paragraph(c.help),
      paragraph(c.signature),
    ].join('\n'),
  );
  const text = [c.greeting, c.body, `${c.reference}\n${c.referenceHint}`, c.help, c.signature].join('\n\n');
  return { subject, html, text: `${text}\n` };
}

/** To customer service, in French whatever the requester's language: a new request to answer, with a link to it. */
export function accountRequestNotificationEmail(input: {
  orgName: string;
  adminUrl: string;
  request: AccountRequestSummary;
  reference: string;
  /** False when the caps kept the requester's acknowledgement from being sent. */
  acknowledged: boolean;
}): RenderedEmail {
  const { request } = input;
  const t = translator('fr');
  // The name is free text: no line break may reach the subject header.
  const subject = t('email.accountRequestNotification.subject', { name: request.name }).replace(/[\r\n]+/g, ' ');
  const rows: [string, string | null][] = [
    [t('requestAck.notificationReference'), input.reference],
    [t('email.accountRequestNotification.name'), request.name],
    [t('email.accountRequestNotification.organisation'), request.organisation],
    [t('email.accountRequestNotification.identifier'), request.identifier],
    [t('email.accountRequestNotification.email'), request.email],
    [t('email.accountRequestNotification.phone'), request.phone],
  ];
  const filled = rows.filter((r): r is [string, string] => Boolean(r[1]));
  const adminUrl = assertWebUrl(input.adminUrl);
  const html = layout(
    'fr',
    subject,
    [
      heading(subject),
      ...filled.map(([label, value]) => `<p style="margin:0 0 4px;"><strong>${escapeHtml(label)}</strong> ${escapeHtml(value)}</p>`),
      `<p style="${PARAGRAPH}${QUOTE}margin-top:16px;">${escapeHtml(request.message)}</p>`,
      ...(input.acknowledged ? [] : [paragraph(t('requestAck.withheld'), 'font-style:italic;')]),
      `<p style="${PARAGRAPH}"><a href="${escapeHtml(adminUrl)}" style="color:#1f3a8a;">${escapeHtml(t('email.accountRequestNotification.openLink'))}</a></p>`,
    ].join('\n'),
  );
  const text = [
    ...filled.map(([label, value]) => `${label} ${value}`),
    '',
    request.message,
    '',
    ...(input.acknowledged ? [] : [t('requestAck.withheld'), '']),
    t('email.accountRequestNotification.openText', { url: adminUrl }),
  ].join('\n');
  return { subject, html, text: `${text}\n` };
}
