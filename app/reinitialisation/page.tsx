import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { InvalidLink } from '@/components/invalid-link';
import { NewPasswordForm } from '@/app/reinitialisation/new-password-form';
import { findUsableLink } from '@/lib/password-links/tokens';
import { cookieName } from '@/lib/http/cookies';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/http/locale';
import { generatePassword } from '@/lib/passwords/generate';
import { passwordContext } from '@/lib/passwords/new-password-schema';
import { Card } from '@/components/ui/card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('reset.pageTitle') };
}

/** "Activation / Réinitialisation compte utilisateur": the emailed link's form, pre-filled with a generated password. */
export default async function ResetPasswordPage() {
  const [t, jar] = await Promise.all([getTranslator(), cookies()]);
  const account = await findUsableLink(jar.get(cookieName('reset'))?.value);
  const { passwordMinLength, resetTokenTtlHours } = getConfig();
  // The suggestion is checked with the same policy and minimum the server applies on submission,
  // so that keeping it as it is (with or without scripts) always works.
  const context = account ? passwordContext(account, passwordMinLength) : null;

  return (
    <div className="narrow narrow--form stack">
      <h1>{t('reset.pageTitle')}</h1>
      {account && context ? (
        <Card id="reset-account" title={t('reset.yourAccount')}>
          <NewPasswordForm identifier={account.identifier} generated={generatePassword(context)} context={context} />
        </Card>
      ) : (
        <InvalidLink ttlHours={resetTokenTtlHours} />
      )}
    </div>
  );
}
