'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { afterResponse } from '@/lib/after-response';
import { createAccountByAdmin } from '@/lib/accounts/create';
import { accountSchema, profileSchema } from '@/lib/accounts/schema';
import { clearAccountThrottles, sendAccountLink, setAccountDisabled, updateAccountProfile } from '@/lib/accounts/staff';
import type { Actor } from '@/lib/audit';
import { requireAdmin } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { isUuid } from '@/lib/db/ids';
import { echo, validatedAction } from '@/lib/forms/action';
import { checkbox, readForm, single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { deliverDueEmails } from '@/lib/mail/queue';

/** The signed-in admin, as the actor of what follows; `returnTo` brings a signed-out one back. */
async function actor(returnTo: string): Promise<Actor> {
  const admin = await requireAdmin(returnTo);
  return { id: admin.id, request: requestInfo(await headers()) };
}

/** The account a form names, or the 404 page for anything else. */
function accountIdOf(formData: FormData): string {
  const id = single(formData, 'accountId') ?? '';
  if (!isUuid(id)) notFound();
  return id;
}

/** The admin acting on the account a form names. */
async function onAccount(formData: FormData): Promise<{ accountId: string; by: Actor }> {
  const accountId = accountIdOf(formData);
  return { accountId, by: await actor(`/admin/comptes/${accountId}`) };
}

const deliverAfterResponse = () => afterResponse('admin email delivery', () => deliverDueEmails());

/** The request an account is created from, if any; anything but a request id gets the 404 page. */
function requestIdOf(formData: FormData): string | undefined {
  const requestId = single(formData, 'requestId');
  if (requestId !== undefined && !isUuid(requestId)) notFound();
  return requestId;
}

const ACCOUNT_FIELDS = { text: ['identifier', 'kind', 'email', 'name', 'locale', 'role'] } as const;

/**
 * Creates a pending account, from /admin/comptes/nouveau or from a request (`requestId`): then the
 * first-connection email always goes, and the request is linked to the account and marked done.
 */
export const createAccountAction = validatedAction(
  {
    guard: (formData) => {
      const requestId = requestIdOf(formData);
      return actor(requestId ? `/admin/demandes/${requestId}` : '/admin/comptes/nouveau');
    },
    schema: () => accountSchema(getConfig().identifierKinds),
    fields: ACCOUNT_FIELDS,
  },
  async (values, by, formData) => {
    const requestId = requestIdOf(formData);
    const result = await createAccountByAdmin(values, by, { sendLink: requestId ? true : checkbox(formData, 'sendLink'), requestId });
    if (!result.ok) {
      const typed = echo(readForm(formData, ACCOUNT_FIELDS));
      if (result.reason === 'requestNotFound') return { message: { key: 'admin.errors.requestGone' }, values: typed };
      return { errors: { identifier: 'admin.errors.exists' }, values: typed, message: { key: 'admin.errors.exists', href: `/admin/comptes/${result.existingId}` } };
    }
    if (result.linkSent) deliverAfterResponse();
    const notice = requestId ? 'fromRequest' : result.linkSent ? 'createdSent' : 'created';
    redirect(`/admin/comptes/${result.account.id}?ok=${notice}`);
  },
);

export const updateProfileAction = validatedAction(
  { guard: onAccount, schema: () => profileSchema, fields: { text: ['email', 'name'] } },
  async (values, { accountId, by }) => {
    if (!(await updateAccountProfile(accountId, values, by))) notFound();
    redirect(`/admin/comptes/${accountId}?ok=updated`);
  },
);

export async function setDisabledAction(formData: FormData): Promise<void> {
  const { accountId, by } = await onAccount(formData);
  const disable = single(formData, 'disable') === '1';
  const result = await setAccountDisabled(accountId, disable, by);
  if (result === 'notFound') notFound();
  redirect(`/admin/comptes/${accountId}?${result === 'self' ? 'erreur=self' : `ok=${disable ? 'disabled' : 'enabled'}`}`);
}

export async function sendLinkAction(formData: FormData): Promise<void> {
  const { accountId, by } = await onAccount(formData);
  const sent = await sendAccountLink(accountId, by);
  if (sent) deliverAfterResponse();
  redirect(`/admin/comptes/${accountId}?${sent ? 'ok=linkSent' : 'erreur=linkRefused'}`);
}

export async function clearThrottlesAction(formData: FormData): Promise<void> {
  const { accountId, by } = await onAccount(formData);
  if (!(await clearAccountThrottles(accountId, by))) notFound();
  redirect(`/admin/comptes/${accountId}?ok=throttlesCleared`);
}
