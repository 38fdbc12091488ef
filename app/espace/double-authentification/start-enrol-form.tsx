'use client';

import { useActionState } from 'react';
import { startEnrolmentAction } from '@/app/espace/double-authentification/actions';
import { useT } from '@/components/i18n-provider';
import { ConfirmIdentityField } from '@/components/second-factor/confirm-identity-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/**
 * The first step of an enrolment: the password again (members; staff finishing their sign-in have
 * just typed it), then the page shows a new secret, to this session only.
 */
export function StartEnrolForm({ callbackUrl, askPassword }: { callbackUrl?: string; askPassword: boolean }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(startEnrolmentAction, {});
  return (
    <form action={formAction} className="form" noValidate aria-describedby={state.message ? 'start-enrol-message' : undefined}>
      {state.message && (
        <Alert tone="error" id="start-enrol-message">
          <p>{t(state.message.key, state.message.values)}</p>
        </Alert>
      )}
      {callbackUrl !== undefined && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {askPassword && (
        <>
          <p>{t('secondFactor.enrol.startIntro')}</p>
          <ConfirmIdentityField id="start-enrol-password" label={t('secondFactor.enrol.passwordLabel')} />
        </>
      )}
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t('secondFactor.enrol.starting') : t('secondFactor.enrol.start')}
      </Button>
    </form>
  );
}
