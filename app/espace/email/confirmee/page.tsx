import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { getTranslator } from '@/lib/http/locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator())('selfService.confirm.doneTitle'), robots: { index: false } };
}

/** After the confirm button: the address is the account's now. */
export default async function EmailChangedPage() {
  const t = await getTranslator();
  return (
    <div className="narrow narrow--form stack">
      <h1>{t('selfService.confirm.doneTitle')}</h1>
      <Alert tone="success">
        <p>{t('selfService.confirm.doneBody')}</p>
      </Alert>
      <p>
        <ButtonLink href="/espace">{t('selfService.confirm.toSpace')}</ButtonLink>
      </p>
    </div>
  );
}
