import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { InvalidLink } from '@/components/invalid-link';
import { NewPasswordForm } from '@/components/new-password-form';
import { findUsableLink } from '@/lib/auth/password-links';
import { cookieName } from '@/lib/cookies';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/server';
import { generatePassword } from '@/lib/passwords/generate';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('reset.pageTitle') };
}

/** Seed 001's "Activation / Réinitialisation compte utilisateur", with seed 000's generated password. */
export default async function ResetPasswordPage() {
  const [t, jar] = await Promise.all([getTranslator(), cookies()]);
  const account = await findUsableLink(jar.get(cookieName('reset'))?.value);
  const { passwordMinLength, resetTokenTtlHours } = getConfig();

  return (
    <div className="narrow narrow--form stack">
      <h1>{t('reset.pageTitle')}</h1>
      {account ? (
        <section className="card" aria-labelledby="reset-account">
          <h2 id="reset-account" className="card__title">
            {t('reset.yourAccount')}
          </h2>
          <NewPasswordForm
            identifier={account.identifier}
            generated={generatePassword()}
            context={{ minLength: passwordMinLength, identifier: account.identifier, email: account.email, name: account.name }}
            ttlHours={resetTokenTtlHours}
          />
        </section>
      ) : (
        <InvalidLink ttlHours={resetTokenTtlHours} />
      )}
    </div>
  );
}
