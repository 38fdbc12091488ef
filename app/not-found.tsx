import { ButtonLink } from '@/components/ui/button';
import { getTranslator } from '@/lib/http/locale';

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <div className="narrow stack">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <ButtonLink href="/">{t('notFound.back')}</ButtonLink>
      </p>
    </div>
  );
}
