/**
 * What every email Sésame sends shares: one HTML frame, paragraph styles, the link check. Emails
 * are pure functions giving HTML and plain text with the same content; every value put into the
 * HTML goes through `escapeHtml` (account names are free text).
 */
import { escapeHtml } from '@/lib/html';
import type { Locale } from '@/lib/i18n/messages';

export type RenderedEmail = { subject: string; html: string; text: string };

/** What every notice about an account's security carries: to whom, for which account, when. */
export type AccountNoticeInput = { locale: Locale; orgName: string; identifier: string; name: string; supportEmail: string; appUrl: string; at: Date };

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;';
/** The style of a paragraph, for the few built by hand (links, quoted messages). */
export const PARAGRAPH = 'margin:0 0 16px;';

/** Only our own http(s) links may become a button: a `javascript:` URL in a mail is an attack. */
export function assertWebUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new Error('Email links must be absolute http(s) URLs');
  return url;
}

/** The whole HTML document: `body` is already HTML, the subject is escaped here. */
export function layout(locale: Locale, subject: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}" dir="ltr">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background-color:#f3f4f6;">',
    `<div role="article" aria-label="${escapeHtml(subject)}" lang="${locale}" style="max-width:600px;margin:0 auto;padding:24px 12px;">`,
    `<div style="background-color:#ffffff;border-radius:8px;padding:24px 20px;${FONT}">`,
    body,
    '</div></div></body></html>',
  ].join('\n');
}

/** The email's title at the top of its body (the subject). */
export const heading = (text: string) => `<h1 style="font-size:20px;margin:0 0 16px;">${escapeHtml(text)}</h1>`;

export const paragraph = (text: string, style = '') => `<p style="${PARAGRAPH}${style}">${escapeHtml(text)}</p>`;

/** An emailed link: a button, then the address itself for mail clients that hide or block buttons. */
export function linkWithAddress(url: string, label: string, addressLabel: string): string {
  const href = escapeHtml(url);
  return [
    `<p style="${PARAGRAPH}"><a href="${href}" style="display:inline-block;padding:12px 20px;background-color:#1f3a8a;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">${escapeHtml(label)}</a></p>`,
    `<p style="margin:0 0 4px;font-size:14px;color:#4b5563;">${escapeHtml(addressLabel)}</p>`,
    `<p style="${PARAGRAPH}font-size:14px;word-break:break-all;"><a href="${href}" style="color:#1f3a8a;">${href}</a></p>`,
  ].join('\n');
}
