import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { ButtonLink } from '@/components/ui/button';
import { rememberedIdentifier } from '@/lib/auth/cookies';
import { currentUser } from '@/lib/auth/current-user';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/server';
import { safeRedirectPath } from '@/lib/safe-redirect';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('signIn.pageTitle') };
}

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; identifiant?: string | string[] }> };

/** Seed 001's "Authentification" page: "Déjà inscrit ?" and "Ouverture de compte". */
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslator();
  const prefilled = typeof params.identifiant === 'string' ? params.identifiant.slice(0, 320) : undefined;
  const remembered = await rememberedIdentifier();

  return (
    <div className="narrow">
      <h1>{t('signIn.pageTitle')}</h1>
      <div className="sign-in-blocks">
        <section className="card" aria-labelledby="registered-title">
          <h2 id="registered-title" className="card__title card__title--caps">
            {t('signIn.registeredTitle')}
          </h2>
          <LoginForm
            variant="page"
            kinds={getConfig().identifierKinds}
            defaultIdentifier={prefilled ?? remembered}
            defaultRemember={Boolean(remembered)}
            callbackUrl={callbackUrl}
          />
        </section>
        <section className="card card--muted" aria-labelledby="opening-title">
          <h2 id="opening-title" className="card__title card__title--caps">
            {t('signIn.openingTitle')}
          </h2>
          <p>{t('signIn.newHere')}</p>
          <ButtonLink href="/ouverture-de-compte" variant="secondary">
            {t('signIn.requestOpening')}
          </ButtonLink>
        </section>
      </div>
    </div>
  );
}
