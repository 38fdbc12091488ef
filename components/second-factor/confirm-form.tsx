'use client';

import { useActionState } from 'react';
import { disableTotpAction, renewRecoveryCodesAction } from '@/app/espace/double-authentification/actions';
import { useT } from '@/components/i18n-provider';
import { RecoveryCodes } from '@/components/second-factor/recovery-codes';
import { ConfirmIdentityField } from '@/components/second-factor/confirm-identity-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

const ACTIONS = { disable: disableTotpAction, renew: renewRecoveryCodesAction };

/** Turning the app off, or new recovery codes: both ask the password or a code again. */
export function ConfirmForm({ kind, summary, help, label }: { kind: keyof typeof ACTIONS; summary: string; help?: string; label: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(ACTIONS[kind], {});
  const id = `confirm-${kind}`;
  // Opened again by an answer, with or without JavaScript, so the message or the codes are seen.
  return (
    <details className="second-factor__more" open={state.message || state.recoveryCodes ? true : undefined}>
      <summary>{summary}</summary>
      {help && <p className="muted">{help}</p>}
      {state.recoveryCodes && <RecoveryCodes codes={state.recoveryCodes} />}
      <form action={formAction} className="form" noValidate aria-describedby={state.message ? `${id}-message` : undefined}>
        {state.message && (
          <Alert tone="error" id={`${id}-message`}>
            <p>{t(state.message.key, state.message.values)}</p>
          </Alert>
        )}
        <ConfirmIdentityField id={id} />
        <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
          {label}
        </Button>
      </form>
    </details>
  );
}
