import type { Locale } from '@/lib/i18n/messages';

/** Dates of the admin pages, always in Paris time whatever the server's zone. */
export function adminDateFormat(locale: Locale, withSeconds = false): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
    timeZone: 'Europe/Paris',
  });
}
