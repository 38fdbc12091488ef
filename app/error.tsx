'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';

/** Shown instead of a page that failed; never the error itself, which stays in the server log. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useT();
  return (
    <div className="narrow stack">
      <h1>{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <p>
        <Button type="button" onClick={reset}>
          {t('error.retry')}
        </Button>
      </p>
    </div>
  );
}
