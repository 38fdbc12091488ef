'use client';

import { useActionState } from 'react';
import { confirmEnrolmentAction } from '@/app/espace/double-authentification/actions';
import { useT } from '@/components/i18n-provider';
import { CodeMessage, codeFormMessage } from '@/components/second-factor/code-message';
import { RecoveryCodes } from '@/components/second-factor/recovery-codes';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { MAX_CODE_INPUT } from '@/lib/second-factor/code-schema';

/**
 * The last step of an enrolment: the first code from the app. Once it is right, the same place
 * shows the recovery codes (the only time they can be read) and the way on.
 */
export function EnrolForm({ next, enabled = false }: { next: string; enabled?: boolean }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(confirmEnrolmentAction, {});
  const message = codeFormMessage(state);
  if (state.extra?.recoveryCodes) {
    return (
      <>
        <RecoveryCodes codes={state.extra.recoveryCodes} />
        <ButtonLink href={next}>{t('secondFactor.recovery.continue')}</ButtonLink>
      </>
    );
  }
  if (enabled) {
    return (
      <>
        <p>{t('secondFactor.enrol.alreadyOn')}</p>
        <ButtonLink href={next}>{t('secondFactor.enrol.continue')}</ButtonLink>
      </>
    );
  }
  return (
    <form action={formAction} className="form" noValidate aria-describedby={message ? 'enrol-message' : undefined}>
      {message && <CodeMessage id="enrol-message" message={message} />}
      <Field
        id="enrol-code"
        name="code"
        label={t('secondFactor.code.label')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={MAX_CODE_INPUT}
        required
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t('secondFactor.enrol.pending') : t('secondFactor.enrol.submit')}
      </Button>
    </form>
  );
}
