'use server';

import { headers } from 'next/headers';
import { after } from 'next/server';
import { submitAccountRequest } from '@/lib/account-requests/submit';
import { getConfig } from '@/lib/config';
import { checkbox, single } from '@/lib/form-data';
import { getLocale } from '@/lib/i18n/server';
import { requestInfo } from '@/lib/request-info';
import { accountRequestSchema, REQUEST_LIMITS, type AccountRequestState } from '@/lib/schemas/account-request';
import { fieldErrors } from '@/lib/schemas/sign-in';

const FIELDS = ['name', 'organisation', 'identifier', 'email', 'phone', 'message'] as const;

export async function requestAccountAction(_previous: AccountRequestState, formData: FormData): Promise<AccountRequestState> {
  // The honeypot: people never see this field, robots fill it in. They get the usual answer.
  if ((single(formData, 'website') ?? '') !== '') return { sent: true };

  const raw = Object.fromEntries(FIELDS.map((name) => [name, single(formData, name) ?? ''])) as Record<(typeof FIELDS)[number], string>;
  const consent = checkbox(formData, 'consent');
  const parsed = accountRequestSchema(getConfig().identifierKinds).safeParse({ ...raw, consent });
  if (!parsed.success) {
    const echo = Object.fromEntries(FIELDS.map((name) => [name, raw[name].slice(0, REQUEST_LIMITS.message)]));
    return { errors: fieldErrors(parsed.error), values: { ...echo, consent } };
  }
  const [request, locale] = [requestInfo(await headers()), await getLocale()];
  after(async () => {
    try {
      await submitAccountRequest(parsed.data, locale, request);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'account request failed', error: String(error) }));
    }
  });
  return { sent: true };
}
