'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { updateAccountRequest } from '@/lib/account-requests/queue';
import { requestUpdateSchema } from '@/lib/account-requests/schema';
import { requireAdmin } from '@/lib/auth/guards';
import { isUuid } from '@/lib/db/ids';
import { readForm, single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';

/** Status and notes of a request. The form offers only valid statuses, so a refusal means tampering. */
export async function updateRequestAction(formData: FormData): Promise<void> {
  const requestId = single(formData, 'requestId') ?? '';
  if (!isUuid(requestId)) notFound();
  const admin = await requireAdmin(`/admin/demandes/${requestId}`);
  const parsed = requestUpdateSchema.safeParse(readForm(formData, { text: ['status', 'notes'] }));
  if (!parsed.success) redirect(`/admin/demandes/${requestId}?erreur=invalid`);
  const updated = await updateAccountRequest(requestId, parsed.data, { id: admin.id, request: requestInfo(await headers()) });
  if (!updated) notFound();
  redirect(`/admin/demandes/${requestId}?ok=requestUpdated`);
}
