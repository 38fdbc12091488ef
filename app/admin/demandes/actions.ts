'use server';

import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { isUuid } from '@/lib/admin/queries';
import { updateAccountRequest } from '@/lib/admin/requests';
import { requireAdmin } from '@/lib/admin/require-admin';
import { single } from '@/lib/form-data';
import { requestInfo } from '@/lib/request-info';
import { requestUpdateSchema } from '@/lib/schemas/admin';

/** Status and notes of a request. The form offers only valid statuses, so a refusal means tampering. */
export async function updateRequestAction(formData: FormData): Promise<void> {
  const requestId = single(formData, 'requestId') ?? '';
  if (!isUuid(requestId)) notFound();
  const admin = await requireAdmin(`/admin/demandes/${requestId}`);
  const parsed = requestUpdateSchema.safeParse({ status: single(formData, 'status'), notes: single(formData, 'notes') ?? '' });
  if (!parsed.success) redirect(`/admin/demandes/${requestId}?erreur=invalid`);
  const updated = await updateAccountRequest(requestId, parsed.data, { id: admin.id, request: requestInfo(await headers()) });
  if (!updated) notFound();
  redirect(`/admin/demandes/${requestId}?ok=requestUpdated`);
}
