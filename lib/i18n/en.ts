import { accountRequestEmailMessages } from '@/lib/i18n/en/account-request-email';
import { adminMessages } from '@/lib/i18n/en/admin';
import { customerServiceMessages } from '@/lib/i18n/en/customer-service';
import { emailMessages } from '@/lib/i18n/en/email';
import { identifierMessages } from '@/lib/i18n/en/identifiers';
import { importReportMessages } from '@/lib/i18n/en/import-report';
import { openIdConnectMessages } from '@/lib/i18n/en/openid-connect';
import { operatorsMessages } from '@/lib/i18n/en/operators';
import { secondFactorMessages } from '@/lib/i18n/en/second-factor';
import { selfServiceMessages } from '@/lib/i18n/en/self-service';
import { signInMessages } from '@/lib/i18n/en/sign-in';
import { siteMessages } from '@/lib/i18n/en/site';
import type { Messages } from '@/lib/i18n/messages';

export const en: Messages = {
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
