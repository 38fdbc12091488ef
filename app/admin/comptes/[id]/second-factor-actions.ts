'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { afterResponse } from '@/lib/after-response';
import { requireAdmin } from '@/lib/auth/guards';
import { isUuid } from '@/lib/db/ids';
import { validatedAction } from '@/lib/forms/action';
import { single } from '@/lib/forms/form-data';
import type { FormState } from '@/lib/forms/state';
import { requestInfo } from '@/lib/http/request-info';
import { deliverDueEmails } from '@/lib/mail/queue';
import { confirmIdentityForm, type ConfirmField } from '@/lib/second-factor/confirm-identity-schema';
import { staffRemoveTotp, staffUnlockCodes } from '@/lib/second-factor/staff';

const accountIdOf = (formData: FormData) => single(formData, 'accountId') ?? '';
const accountPath = (accountId: string) => (isUuid(accountId) ? `/admin/comptes/${accountId}` : '/admin');

/** "Retirer l’application d’authentification" on an account's staff page, after the admin's own password or code again. */
export const staffRemoveTotpAction = validatedAction(
  { guard: (formData) => requireAdmin(accountPath(accountIdOf(formData))), ...confirmIdentityForm },
  async ({ confirm }, admin, formData): Promise<FormState<ConfirmField>> => {
    const accountId = accountIdOf(formData);
    if (!isUuid(accountId)) notFound();
    const result = await staffRemoveTotp(accountId, { admin, confirm, request: requestInfo(await headers()) });
    if (typeof result === 'object') return { message: result.unconfirmed };
    if (result === 'notFound') notFound();
    if (result === 'removed') afterResponse('second-factor notice delivery', () => deliverDueEmails());
    redirect(`${accountPath(accountId)}?facteur=${result === 'removed' ? 'retire' : result === 'lastFactor' ? 'dernier' : 'aucun'}#second-factor-staff`);
  },
);

/** "Débloquer les codes de l’application": after too many wrong codes in a row, once the holder is known. */
export async function staffUnlockCodesAction(formData: FormData): Promise<void> {
  const accountId = accountIdOf(formData);
  const admin = await requireAdmin(accountPath(accountId));
  if (!isUuid(accountId)) notFound();
  const result = await staffUnlockCodes(accountId, { id: admin.id, request: requestInfo(await headers()) });
  if (result === 'notFound') notFound();
  redirect(`${accountPath(accountId)}?facteur=${result === 'unlocked' ? 'debloque' : 'aucun'}#second-factor-staff`);
}
