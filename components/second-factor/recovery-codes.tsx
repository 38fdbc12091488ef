'use client';

import { useT } from '@/components/i18n-provider';

/** The ten codes, shown once, in a list people can copy or print. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <div className="recovery-codes" role="status">
      <h2 className="card__title">{t('secondFactor.recovery.title')}</h2>
      <p>{t('secondFactor.recovery.intro')}</p>
      <ul className="recovery-codes__list" aria-label={t('secondFactor.recovery.listLabel')} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
