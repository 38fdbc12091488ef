import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { cancelSignInAction } from '@/app/connexion/code/actions';
import { passkeySecondFactorAction, passkeySecondFactorOptionsAction } from '@/app/connexion/passkey-actions';
import { PasskeySignIn } from '@/components/passkeys/passkey-sign-in';
import { CodeForm } from '@/app/connexion/code/code-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { sessionUser } from '@/lib/auth/guards';
import { secondFactorPath } from '@/lib/sign-in/second-step';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/http/locale';
import { hasConfirmedTotp, passkeyCount } from '@/lib/second-factor/factors';
import { codesLocked } from '@/lib/throttles/codes';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('secondFactor.code.pageTitle') };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

/** The second step of a sign-in, for accounts with an authenticator app. */
export default async function SecondFactorCodePage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined);
  const user = await sessionUser();
  if (!user) redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!user.secondFactor) redirect(callbackUrl);
  if (user.secondFactor === 'enrol') redirect(secondFactorPath('enrol', callbackUrl));
  const [t, hasApp, passkeys, locked] = await Promise.all([getTranslator(), hasConfirmedTotp(user.id), passkeyCount(user.id), codesLocked(user.id)]);

  return (
    <div className="narrow">
      <h1>{t('secondFactor.code.pageTitle')}</h1>
      <Card id="second-factor-title" title={t('secondFactor.code.label')}>
        {hasApp ? (
          <>
            <p>{t('secondFactor.code.intro')}</p>
            {/* Locked app codes: said before anyone types one, with what still works. */}
            {locked && (
              <Alert tone="info">
                <p>{t('secondFactor.errors.locked', { supportEmail: getConfig().supportEmail })}</p>
              </Alert>
            )}
            <CodeForm callbackUrl={callbackUrl} />
          </>
        ) : (
          <p>{t('secondFactor.code.passkeyOnly')}</p>
        )}
        {passkeys > 0 && (
          <PasskeySignIn
            mode="second-factor"
            options={passkeySecondFactorOptionsAction}
            finish={passkeySecondFactorAction}
            callbackUrl={callbackUrl}
            id="code-passkey"
          />
        )}
        <form action={cancelSignInAction} className="second-factor__cancel">
          <Button type="submit" variant="link">
            {t('secondFactor.code.cancel')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
