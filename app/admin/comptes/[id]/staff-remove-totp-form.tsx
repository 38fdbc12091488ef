'use client';

import { useActionState } from 'react';
import { staffRemoveTotpAction } from '@/app/admin/comptes/[id]/second-factor-actions';
import { useT } from '@/components/i18n-provider';
import { ConfirmIdentityField } from '@/components/second-factor/confirm-identity-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Removing a member's app: the admin's own password (or a code from their own app) first. */
export function StaffRemoveTotpForm({ accountId }: { accountId: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(staffRemoveTotpAction, {});
  return (
    <form action={formAction} className="form" noValidate aria-describedby={state.message ? 'staff-remove-totp-message' : undefined}>
      {state.message && (
        <Alert tone="error" id="staff-remove-totp-message">
          <p>{t(state.message.key, state.message.values)}</p>
        </Alert>
      )}
      <input type="hidden" name="accountId" value={accountId} />
      <p className="muted">{t('secondFactor.staff.removeHelp')}</p>
      <ConfirmIdentityField id="staff-remove-totp-confirm" label={t('secondFactor.staff.confirmLabel')} hint={t('secondFactor.staff.confirmHint')} />
      <Button type="submit" variant="secondary" className="button--danger" disabled={pending} aria-disabled={pending}>
        {t('secondFactor.staff.remove')}
      </Button>
    </form>
  );
}
