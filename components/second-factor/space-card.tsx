import { ConfirmForm, type ConfirmAction } from '@/components/second-factor/confirm-form';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { SessionUser } from '@/lib/sessions/sessions';
import { dateFormat } from '@/lib/i18n/format';
import { getLocale, getTranslator } from '@/lib/http/locale';
import type { FactorSummary } from '@/lib/second-factor/factors';

type Props = {
  user: SessionUser;
  factors: FactorSummary;
  notice?: string;
  /** From app/espace/double-authentification/actions.ts, handed down by the page. */
  actions: { renew: ConfirmAction; disable: ConfirmAction };
};

/** /espace: the authenticator app, when it was last used, recovery codes left, and what to do. */
export async function SecondFactorCard({ user, factors, notice, actions }: Props) {
  const [t, locale] = await Promise.all([getTranslator(), getLocale()]);
  const date = dateFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  const { totp } = factors;
  return (
    <Card id="second-factor-title" title={t('secondFactor.space.title')}>
      {notice === 'retire' && (
        <Alert tone="success">
          <p>{t('secondFactor.space.removed')}</p>
        </Alert>
      )}
      {user.role === 'admin' && <p className="muted">{t('secondFactor.space.staffRequired')}</p>}
      {totp ? (
        <>
          <p data-testid="totp-status">
            {t('secondFactor.space.on', { date: date.format(totp.confirmedAt) })}{' '}
            {totp.lastUsedAt ? t('secondFactor.space.lastUsed', { date: date.format(totp.lastUsedAt) }) : t('secondFactor.space.neverUsed')}
          </p>
          <p data-testid="recovery-codes-left">{t('secondFactor.space.codesLeft', { count: factors.recoveryCodesLeft })}</p>
          {factors.codesLocked && <p data-testid="codes-locked">{t('secondFactor.space.locked')}</p>}
          <ConfirmForm
            kind="renew"
            action={actions.renew}
            summary={t('secondFactor.recovery.renewTitle')}
            help={t('secondFactor.recovery.renewHelp')}
            label={t('secondFactor.recovery.renew')}
          />
          <ConfirmForm kind="disable" action={actions.disable} summary={t('secondFactor.space.disableTitle')} label={t('secondFactor.space.disable')} />
        </>
      ) : (
        <>
          <p data-testid="totp-status">{t('secondFactor.space.off')}</p>
          <ButtonLink href="/espace/double-authentification" variant="secondary">
            {t('secondFactor.space.enable')}
          </ButtonLink>
        </>
      )}
    </Card>
  );
}
