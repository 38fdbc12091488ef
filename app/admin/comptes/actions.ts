'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { after } from 'next/server';
import {
  clearAccountThrottles,
  createAccountByAdmin,
  sendAccountLink,
  setAccountDisabled,
  updateAccountProfile,
  type Actor,
} from '@/lib/admin/accounts';
import { isUuid } from '@/lib/admin/queries';
import { requireAdmin } from '@/lib/admin/require-admin';
import { getConfig } from '@/lib/config';
import { checkbox, single } from '@/lib/form-data';
import { deliverDueEmails } from '@/lib/mail/queue';
import { requestInfo } from '@/lib/request-info';
import { accountSchema, profileSchema, type AccountField, type AdminFormState } from '@/lib/schemas/admin';
import { fieldErrors } from '@/lib/schemas/sign-in';

const ACCOUNT_FIELDS = ['identifier', 'kind', 'email', 'name', 'locale', 'role'] as const;
const PROFILE_FIELDS = ['email', 'name'] as const;

async function actor(returnTo: string): Promise<Actor> {
  const admin = await requireAdmin(returnTo);
  return { id: admin.id, request: requestInfo(await headers()) };
}

function read<F extends string>(formData: FormData, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((name) => [name, (single(formData, name) ?? '').slice(0, 400)])) as Record<F, string>;
}

/** The account id a form names, or the 404 page for anything else. */
function accountIdOf(formData: FormData): string {
  const id = single(formData, 'accountId') ?? '';
  if (!isUuid(id)) notFound();
  return id;
}

function deliverAfterResponse() {
  after(() => deliverDueEmails().catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'admin email delivery failed', error: String(error) }))));
}

/**
 * Creates a pending account, from /admin/comptes/nouveau or from a request (`requestId`): then the
 * first-connection email always goes, and the request is linked to the account and marked done.
 */
export async function createAccountAction(_previous: AdminFormState<AccountField>, formData: FormData): Promise<AdminFormState<AccountField>> {
  const requestId = single(formData, 'requestId');
  if (requestId !== undefined && !isUuid(requestId)) notFound();
  const by = await actor(requestId ? `/admin/demandes/${requestId}` : '/admin/comptes/nouveau');
  const raw = read(formData, ACCOUNT_FIELDS);
  const parsed = accountSchema(getConfig().identifierKinds).safeParse(raw);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values: raw };

  const sendLink = requestId ? true : checkbox(formData, 'sendLink');
  const result = await createAccountByAdmin(parsed.data, by, { sendLink, requestId });
  if (!result.ok) {
    if (result.reason === 'exists') return { errors: { identifier: 'admin.errors.exists' }, values: raw, existingAccountId: result.existingId };
    return { message: 'admin.errors.requestGone', values: raw };
  }
  if (result.linkSent) deliverAfterResponse();
  const notice = requestId ? 'fromRequest' : result.linkSent ? 'createdSent' : 'created';
  redirect(`/admin/comptes/${result.account.id}?ok=${notice}`);
}

export async function updateProfileAction(_previous: AdminFormState<'email' | 'name'>, formData: FormData): Promise<AdminFormState<'email' | 'name'>> {
  const accountId = accountIdOf(formData);
  const by = await actor(`/admin/comptes/${accountId}`);
  const raw = read(formData, PROFILE_FIELDS);
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values: raw };
  if (!(await updateAccountProfile(accountId, parsed.data, by))) notFound();
  redirect(`/admin/comptes/${accountId}?ok=updated`);
}

export async function setDisabledAction(formData: FormData): Promise<void> {
  const accountId = accountIdOf(formData);
  const by = await actor(`/admin/comptes/${accountId}`);
  const disable = single(formData, 'disable') === '1';
  const result = await setAccountDisabled(accountId, disable, by);
  if (result === 'notFound') notFound();
  redirect(`/admin/comptes/${accountId}?${result === 'self' ? 'erreur=self' : `ok=${disable ? 'disabled' : 'enabled'}`}`);
}

export async function sendLinkAction(formData: FormData): Promise<void> {
  const accountId = accountIdOf(formData);
  const by = await actor(`/admin/comptes/${accountId}`);
  const sent = await sendAccountLink(accountId, by);
  if (sent) deliverAfterResponse();
  redirect(`/admin/comptes/${accountId}?${sent ? 'ok=linkSent' : 'erreur=linkRefused'}`);
}

export async function clearThrottlesAction(formData: FormData): Promise<void> {
  const accountId = accountIdOf(formData);
  const by = await actor(`/admin/comptes/${accountId}`);
  if (!(await clearAccountThrottles(accountId, by))) notFound();
  redirect(`/admin/comptes/${accountId}?ok=throttlesCleared`);
}
