import Link from 'next/link';
import { AuthPanel } from '@/app/auth-panel';
import { getConfig } from '@/lib/config';
import { identifierText } from '@/lib/identifiers/wording';
import { getTranslator } from '@/lib/http/locale';

export default async function HomePage() {
  const t = await getTranslator();
  const { orgName, resetTokenTtlHours, identifierKinds } = getConfig();
  return (
    <div className="home">
      <section className="home__content" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title', { org: orgName })}</h1>
        <p className="lead">{t(identifierText('homeIntro', identifierKinds))}</p>
        <h2>{t('home.stepsTitle')}</h2>
        <ol className="steps">
          <li>
            <Link href="/mot-de-passe-oublie">{t('home.step1')}</Link>
          </li>
          <li>{t(identifierText('homeStep2', identifierKinds))}</li>
          <li>{t('home.step3', { hours: resetTokenTtlHours })}</li>
          <li>{t('home.step4')}</li>
        </ol>
        <h2>{t('home.noAccountTitle')}</h2>
        <p>
          {t('home.noAccount')} <Link href="/ouverture-de-compte">{t('signIn.requestOpening')}</Link>
        </p>
      </section>
      <AuthPanel />
    </div>
  );
}
