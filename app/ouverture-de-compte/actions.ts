'use server';

import { headers } from 'next/headers';
import { afterResponse } from '@/lib/after-response';
import { accountRequestSchema } from '@/lib/account-requests/schema';
import { submitAccountRequest } from '@/lib/account-requests/submit';
import { getConfig } from '@/lib/config';
import { anyone, validatedAction } from '@/lib/forms/action';
import { requestInfo } from '@/lib/http/request-info';
import { getLocale } from '@/lib/http/locale';

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
    afterResponse('account request', () => submitAccountRequest(values, locale, request));
    return { done: true };
  },
);
