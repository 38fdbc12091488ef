import { staffUnlockCodesAction } from '@/app/admin/comptes/[id]/second-factor-actions';
import { StaffRemoveTotpForm } from '@/app/admin/comptes/[id]/staff-remove-totp-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { Account } from '@/lib/db/schema';
import { dateFormat } from '@/lib/i18n/format';
import { getLocale, getTranslator } from '@/lib/http/locale';
import { factorSummary } from '@/lib/second-factor/factors';

/** An account's second factors as customer service sees them, opening locked app codes, and removing a lost app. */
export async function StaffSecondFactorPanel({ account, notice }: { account: Pick<Account, 'id' | 'role'>; notice?: string }) {
  const [t, locale, factors] = await Promise.all([getTranslator(), getLocale(), factorSummary(account.id)]);
  const date = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const { totp } = factors;
  return (
    <Card id="second-factor-staff" title={t('secondFactor.staff.title')}>
      {notice === 'retire' && (
        <Alert tone="success">
          <p>{t('secondFactor.staff.removed')}</p>
        </Alert>
      )}
      {notice === 'debloque' && (
        <Alert tone="success">
          <p>{t('secondFactor.staff.unlocked')}</p>
        </Alert>
      )}
      {notice === 'dernier' && (
        <Alert tone="error">
          <p>{t('secondFactor.staff.lastFactor')}</p>
        </Alert>
      )}
      <p data-testid="staff-totp">
        {totp
          ? t('secondFactor.staff.totp', { date: date.format(totp.confirmedAt), lastUsed: totp.lastUsedAt ? date.format(totp.lastUsedAt) : t('admin.account.never') })
          : t('secondFactor.staff.none')}
      </p>
      <p>{t('secondFactor.staff.passkeys', { count: factors.passkeys.length })}</p>
      {factors.codesLocked && (
        <form action={staffUnlockCodesAction}>
          <input type="hidden" name="accountId" value={account.id} />
          <p data-testid="staff-codes-locked">
            {t('secondFactor.staff.locked', { count: factors.codesLocked.wrongCodes, date: date.format(factors.codesLocked.lastWrongAt) })}
          </p>
          <p className="muted">{t('secondFactor.staff.unlockHelp')}</p>
          <Button type="submit" variant="secondary">
            {t('secondFactor.staff.unlock')}
          </Button>
        </form>
      )}
      {totp && <StaffRemoveTotpForm accountId={account.id} />}
    </Card>
  );
}
