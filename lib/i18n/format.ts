import type { Locale } from '@/lib/i18n/messages';

export type DateStyles = Required<Pick<Intl.DateTimeFormatOptions, 'dateStyle' | 'timeStyle'>>;

/** Dates and times as the visitor's language writes them, e.g. dateFormat('fr', { dateStyle: 'long', timeStyle: 'short' }). */
export function dateFormat(locale: Locale, { dateStyle, timeStyle }: DateStyles): Intl.DateTimeFormat {
  // Paris time is the organisation's time, whatever the server's time zone.
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle, timeStyle, timeZone: 'Europe/Paris' });
}
