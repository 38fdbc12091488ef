'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { afterResponse } from '@/lib/after-response';
import { requireAdmin } from '@/lib/auth/guards';
import { isUuid } from '@/lib/db/ids';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { deliverDueEmails } from '@/lib/mail/queue';
import { staffRemoveTotp } from '@/lib/second-factor/staff';

/** "Retirer l’application d’authentification" on an account's staff page. */
export async function staffRemoveTotpAction(formData: FormData): Promise<void> {
  const accountId = single(formData, 'accountId') ?? '';
  const admin = await requireAdmin(isUuid(accountId) ? `/admin/comptes/${accountId}` : '/admin');
  if (!isUuid(accountId)) notFound();
  const result = await staffRemoveTotp(accountId, { id: admin.id, request: requestInfo(await headers()) });
  if (result === 'notFound') notFound();
  if (result === 'removed') afterResponse('second-factor notice delivery', () => deliverDueEmails());
  redirect(`/admin/comptes/${accountId}?facteur=${result === 'removed' ? 'retire' : result === 'lastFactor' ? 'dernier' : 'aucun'}#second-factor-staff`);
}
