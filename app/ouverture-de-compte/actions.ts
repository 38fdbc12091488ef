'use server';

import { after } from 'next/server';
import { headers } from 'next/headers';
import { accountRequestSchema } from '@/lib/account-requests/schema';
import { submitAccountRequest } from '@/lib/account-requests/submit';
import { getConfig } from '@/lib/config';
import { anyone, validatedAction } from '@/lib/forms/action';
import { requestInfo } from '@/lib/http/request-info';
import { getLocale } from '@/lib/i18n/server';
import { logFailure } from '@/lib/logger';

export const requestAccountAction = validatedAction(
  {
    guard: anyone,
    schema: () => accountRequestSchema(getConfig().identifierKinds),
    fields: { text: ['name', 'organisation', 'identifier', 'email', 'phone', 'message'], checkboxes: ['consent'] },
    // People never see this field; robots fill it in and get the usual answer.
    honeypot: 'website',
  },
  async (values) => {
    const [request, locale] = [requestInfo(await headers()), await getLocale()];
    after(logFailure('account request failed', () => submitAccountRequest(values, locale, request)));
    return { done: true };
  },
);
