import type { Metadata } from 'next';
import { AccountRequestForm } from '@/app/ouverture-de-compte/account-request-form';
import { REQUEST_LIMITS } from '@/lib/account-requests/schema';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('opening.pageTitle') };
}

/** Seed 001: "Complétez puis envoyez le formulaire. Notre service client reviendra vers vous…" */
export default async function AccountRequestPage() {
  const t = await getTranslator();
  return (
    <div className="narrow narrow--form stack">
      <h1>{t('opening.pageTitle')}</h1>
      <div className="card">
        <AccountRequestForm kinds={getConfig().identifierKinds} limits={REQUEST_LIMITS} />
      </div>
    </div>
  );
}
