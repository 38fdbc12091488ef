'use server';

import { after } from 'next/server';
import { headers } from 'next/headers';
import { processResetRequest } from '@/lib/auth/reset-request';
import { getConfig } from '@/lib/config';
import { single } from '@/lib/form-data';
import { requestInfo } from '@/lib/request-info';
import { forgotSchema, type ForgotState } from '@/lib/schemas/reset';
import { fieldErrors } from '@/lib/schemas/sign-in';

/**
 * Answers every well-formed request with the same sentence, at once: the lookup, the limits and
 * the email all happen after the response, so neither the words nor the timing tell whether an
 * account matched.
 */
export async function requestResetAction(_previous: ForgotState, formData: FormData): Promise<ForgotState> {
  const { identifierKinds, resetMatch } = getConfig();
  const values = { identifier: single(formData, 'identifier') ?? '', email: single(formData, 'email') ?? '' };
  const parsed = forgotSchema(identifierKinds, resetMatch).safeParse(values);
  if (!parsed.success) {
    return { errors: fieldErrors(parsed.error), values: { identifier: values.identifier.slice(0, 320), email: values.email.slice(0, 254) } };
  }
  const request = requestInfo(await headers());
  after(async () => {
    try {
      await processResetRequest(parsed.data, request);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'reset request failed', error: String(error) }));
    }
  });
  return { sent: true };
}
