import type { Metadata } from 'next';
import { AccountForm } from '@/components/admin/account-form';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireAdmin } from '@/lib/admin/require-admin';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('admin.form.newTitle') };
}

export default async function NewAccountPage() {
  await requireAdmin('/admin/comptes/nouveau');
  const t = await getTranslator();
  return (
    <div className="narrow stack">
      <AdminNav current="new" />
      <h1>{t('admin.form.newTitle')}</h1>
      <section className="card narrow--form" aria-label={t('admin.form.newTitle')}>
        <p>{t('admin.form.newIntro')}</p>
        <AccountForm kinds={getConfig().identifierKinds} submitLabel={t('admin.form.submit')} />
      </section>
    </div>
  );
}
