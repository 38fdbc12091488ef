'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { confirmImport, prepareImport, readUpload } from '@/lib/accounts/browser-import';
import { requireAdmin } from '@/lib/auth/guards';
import { single } from '@/lib/forms/form-data';
import { requestInfo } from '@/lib/http/request-info';
import { getLocale } from '@/lib/http/locale';

const PAGE = '/admin/comptes/import';

async function actor() {
  const admin = await requireAdmin(PAGE);
  return { id: admin.id, request: requestInfo(await headers()) };
}

/** Upload: the dry run, then the page shows its report and a confirmation button. */
export async function previewImportAction(formData: FormData): Promise<void> {
  const by = await actor();
  const upload = await readUpload(formData.get('file'));
  if (!upload.ok) redirect(`${PAGE}?erreur=${upload.problem}`);
  const id = await prepareImport(upload.name, upload.text, by, await getLocale());
  redirect(`${PAGE}?apercu=${id}`);
}

/** Confirmation: the very file checked is imported, once. */
export async function confirmImportAction(formData: FormData): Promise<void> {
  const by = await actor();
  const id = single(formData, 'importId') ?? '';
  const report = await confirmImport(id, by, await getLocale());
  redirect(report ? `${PAGE}?resultat=${id}` : `${PAGE}?erreur=expired`);
}
