import { adminMessages } from '@/lib/i18n/fr/admin';
import { emailMessages } from '@/lib/i18n/fr/email';
import { secondFactorMessages } from '@/lib/i18n/fr/second-factor';
import { signInMessages } from '@/lib/i18n/fr/sign-in';
import { siteMessages } from '@/lib/i18n/fr/site';

/**
 * French is the default language; every key here must exist in en.ts (the type checks it).
 * Texts take "{name}" placeholders and ICU plurals: "{hours, plural, one {# heure} other {# heures}}".
 */
export const fr = { ...siteMessages, ...signInMessages, ...adminMessages, ...emailMessages, ...secondFactorMessages };
