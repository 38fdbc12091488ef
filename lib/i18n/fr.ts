import { accountRequestEmailMessages } from '@/lib/i18n/fr/account-request-email';
import { adminMessages } from '@/lib/i18n/fr/admin';
import { customerServiceMessages } from '@/lib/i18n/fr/customer-service';
import { emailMessages } from '@/lib/i18n/fr/email';
import { identifierMessages } from '@/lib/i18n/fr/identifiers';
import { importReportMessages } from '@/lib/i18n/fr/import-report';
import { openIdConnectMessages } from '@/lib/i18n/fr/openid-connect';
import { operatorsMessages } from '@/lib/i18n/fr/operators';
import { secondFactorMessages } from '@/lib/i18n/fr/second-factor';
import { selfServiceMessages } from '@/lib/i18n/fr/self-service';
import { signInMessages } from '@/lib/i18n/fr/sign-in';
import { siteMessages } from '@/lib/i18n/fr/site';

/**
 * French is the default language; every key here must exist in en.ts (the type checks it).
 * Texts take "{name}" placeholders and ICU plurals: "{hours, plural, one {# heure} other {# heures}}".
 */
export const fr = {
  ...siteMessages,
  ...signInMessages,
  ...adminMessages,
  ...emailMessages,
  ...accountRequestEmailMessages,
  ...customerServiceMessages,
  ...identifierMessages,
  ...importReportMessages,
  ...operatorsMessages,
  ...openIdConnectMessages,
  ...secondFactorMessages,
  ...selfServiceMessages,
};
