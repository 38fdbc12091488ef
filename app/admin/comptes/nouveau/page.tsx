import type { Metadata } from 'next';
import { createAccountAction } from '@/app/admin/comptes/actions';
import { AccountForm } from '@/components/admin/account-form';
import { AdminHeader } from '@/components/admin/admin-header';
import { requireAdmin } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('admin.form.newTitle') };
}

export default async function NewAccountPage() {
  await requireAdmin('/admin/comptes/nouveau');
  const t = await getTranslator();
  return (
    <div className="narrow stack">
      <AdminHeader current="new" title={t('admin.form.newTitle')} />
      <section className="card narrow--form" aria-label={t('admin.form.newTitle')}>
        <p>{t('admin.form.newIntro')}</p>
        <AccountForm action={createAccountAction} kinds={getConfig().identifierKinds} submitLabel={t('admin.form.submit')} />
      </section>
    </div>
  );
}
