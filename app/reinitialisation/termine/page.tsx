import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('reset.doneTitle') };
}

type Props = { searchParams: Promise<{ identifiant?: string | string[] }> };

/** After a reset: no automatic sign-in, a "Connexion" button with the identifier pre-filled. */
export default async function ResetDonePage({ searchParams }: Props) {
  const t = await getTranslator();
  const { identifiant } = await searchParams;
  const identifier = typeof identifiant === 'string' && /^[0-9]{1,8}$/.test(identifiant) ? identifiant : '';
  return (
    <div className="narrow narrow--form stack">
      <h1>{t('reset.doneTitle')}</h1>
      <Alert tone="success">
        <p>{t('reset.doneBody', { identifier })}</p>
      </Alert>
      <p>
        <ButtonLink href={identifier ? `/connexion?identifiant=${identifier}` : '/connexion'}>{t('reset.signIn')}</ButtonLink>
      </p>
    </div>
  );
}
