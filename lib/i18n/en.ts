import { adminMessages } from '@/lib/i18n/en/admin';
import { emailMessages } from '@/lib/i18n/en/email';
import { secondFactorMessages } from '@/lib/i18n/en/second-factor';
import { signInMessages } from '@/lib/i18n/en/sign-in';
import { siteMessages } from '@/lib/i18n/en/site';
import type { Messages } from '@/lib/i18n/messages';

export const en: Messages = { ...siteMessages, ...signInMessages, ...adminMessages, ...emailMessages, ...secondFactorMessages };
