'use server';

import { headers } from 'next/headers';
import { afterResponse } from '@/lib/after-response';
import { getConfig } from '@/lib/config';
import { anyone, validatedAction } from '@/lib/forms/action';
import { requestInfo } from '@/lib/http/request-info';
import { processResetRequest } from '@/lib/accounts/reset-request';
import { forgotSchema } from '@/lib/password-links/request-schema';

/**
 * Answers every well-formed request with the same sentence, at once: the lookup, the limits and
 * the email all happen after the response, so neither the words nor the timing tell whether an
 * account matched.
 */
export const requestResetAction = validatedAction(
  {
    guard: anyone,
    schema: () => forgotSchema(getConfig().identifierKinds, getConfig().resetMatch),
    fields: { text: ['identifier', 'email'] },
  },
  async (values) => {
    const request = requestInfo(await headers());
    afterResponse('reset request', () => processResetRequest(values, request));
    return { done: true };
  },
);
