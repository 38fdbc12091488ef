import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInAction } from '@/app/connexion/actions';
import { passkeySignInAction } from '@/app/connexion/passkey-actions';
import { LoginForm } from '@/components/login-form';
import { PasskeySignIn } from '@/components/passkeys/passkey-sign-in';
import { ButtonLink } from '@/components/ui/button';
import { rememberedIdentifier } from '@/lib/http/cookies';
import { currentUser } from '@/lib/auth/guards';
import { getConfig } from '@/lib/config';
import { MAX_IDENTIFIER_INPUT } from '@/lib/identifiers/parse';
import { getTranslator } from '@/lib/http/locale';
import { safeRedirectPath } from '@/lib/http/safe-redirect';
import { Card } from '@/components/ui/card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('signIn.pageTitle') };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; identifiant?: string | string[] }> };

/** The "Authentification" page: "Déjà inscrit ?" and "Ouverture de compte". */
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslator();
  const prefilled = typeof params.identifiant === 'string' ? params.identifiant.slice(0, MAX_IDENTIFIER_INPUT) : undefined;
  const remembered = await rememberedIdentifier();

  return (
    <div className="narrow">
      <h1>{t('signIn.pageTitle')}</h1>
      <div className="sign-in-blocks">
        <Card id="registered-title" title={t('signIn.registeredTitle')} caps>
          <LoginForm
            action={signInAction}
            variant="page"
            kinds={getConfig().identifierKinds}
            defaultIdentifier={prefilled ?? remembered}
            defaultRemember={Boolean(remembered)}
            callbackUrl={callbackUrl}
          />
          <PasskeySignIn mode="sign-in" finish={passkeySignInAction} autofill callbackUrl={callbackUrl} id="page-passkey" />
        </Card>
        <Card id="opening-title" title={t('signIn.openingTitle')} caps className="card--muted">
          <p>{t('signIn.newHere')}</p>
          <ButtonLink href="/ouverture-de-compte" variant="secondary">
            {t('signIn.requestOpening')}
          </ButtonLink>
        </Card>
      </div>
    </div>
  );
}
