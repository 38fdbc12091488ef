'use client';

import { useT } from '@/components/i18n-provider';
import { ButtonLink } from '@/components/ui/button';

/** One page for links that are unknown, expired or already used: it tells nothing more. */
export function InvalidLink({ ttlHours }: { ttlHours: number }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="invalid-link-title">
      <h2 id="invalid-link-title" className="card__title">
        {t('reset.invalidTitle')}
      </h2>
      <p>{t('reset.invalidBody', { hours: ttlHours })}</p>
      <p>
        <ButtonLink href="/mot-de-passe-oublie">{t('reset.askNew')}</ButtonLink>
      </p>
    </section>
  );
}
