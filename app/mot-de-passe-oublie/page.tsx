import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from '@/app/mot-de-passe-oublie/forgot-password-form';
import { getConfig } from '@/lib/config';
import { MAX_IDENTIFIER_INPUT } from '@/lib/identifiers/parse';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('forgot.pageTitle') };
}

type Props = { searchParams: Promise<{ identifiant?: string | string[] }> };

export default async function ForgotPasswordPage({ searchParams }: Props) {
  const t = await getTranslator();
  const { identifierKinds, resetMatch, resetTokenTtlHours } = getConfig();
  const { identifiant } = await searchParams;
  return (
    <div className="narrow narrow--form stack">
      <h1>{t('forgot.pageTitle')}</h1>
      <div className="card">
        <ForgotPasswordForm
          kinds={identifierKinds}
          match={resetMatch}
          ttlHours={resetTokenTtlHours}
          defaultIdentifier={typeof identifiant === 'string' ? identifiant.slice(0, MAX_IDENTIFIER_INPUT) : ''}
        />
      </div>
      <p>
        {t('signIn.newHere')} <Link href="/ouverture-de-compte">{t('signIn.requestOpening')}</Link>
      </p>
    </div>
  );
}
