import { Card } from '@/components/ui/card';
import { dateFormat } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/messages';
import { getTranslator } from '@/lib/http/locale';
import { accountLinkState } from '@/lib/password-links/state';

/** The account's latest emailed link: none, still valid, used or expired, with its dates. */
export async function LinkState({ accountId, locale }: { accountId: string; locale: Locale }) {
  const [t, link] = await Promise.all([getTranslator(), accountLinkState(accountId)]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: Date) => <time dateTime={value.toISOString()}>{date.format(value)}</time>;
  return (
    <Card id="account-link" title={t('accounts.link.title')}>
      {link.state === 'none' ? (
        <p data-testid="link-state">{t('accounts.link.none')}</p>
      ) : (
        <dl className="details">
          <dt>{t('accounts.link.state')}</dt>
          <dd>
            <span className={`badge badge--${link.state === 'outstanding' ? 'active' : link.state === 'used' ? 'pending' : 'disabled'}`} data-testid="link-state">
              {t(`accounts.link.states.${link.state}`)}
            </span>
          </dd>
          <dt>{t('accounts.link.purpose')}</dt>
          <dd>{t(`accounts.link.purposes.${link.purpose}`)}</dd>
          <dt>{t('accounts.link.created')}</dt>
          <dd>{when(link.createdAt)}</dd>
          {link.usedAt ? (
            <>
              <dt>{t('accounts.link.used')}</dt>
              <dd>{when(link.usedAt)}</dd>
            </>
          ) : (
            <>
              <dt>{t('accounts.link.expires')}</dt>
              <dd>{when(link.expiresAt)}</dd>
            </>
          )}
          <dt>{t('accounts.link.outstandingLabel')}</dt>
          <dd>{t('accounts.link.outstandingCount', { count: link.outstanding })}</dd>
        </dl>
      )}
    </Card>
  );
}
