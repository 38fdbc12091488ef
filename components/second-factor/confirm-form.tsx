'use client';

import { useActionState } from 'react';
import { useT } from '@/components/i18n-provider';
import { RecoveryCodes } from '@/components/second-factor/recovery-codes';
import { ConfirmIdentityField } from '@/components/second-factor/confirm-identity-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FormAction } from '@/lib/forms/state';
import type { ConfirmField } from '@/lib/second-factor/confirm-identity-schema';
import type { RecoveryCodesShown } from '@/lib/second-factor/form-state';

/** An action behind the password or a code again (app/espace/double-authentification/actions.ts). */
export type ConfirmAction = FormAction<ConfirmField, RecoveryCodesShown>;

type Props = { kind: 'disable' | 'renew'; action: ConfirmAction; summary: string; help?: string; label: string };

/** Turning the app off, or new recovery codes: both ask the password or a code again. */
export function ConfirmForm({ kind, action, summary, help, label }: Props) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  const id = `confirm-${kind}`;
  const recoveryCodes = state.extra?.recoveryCodes;
  // Opened again by an answer, with or without JavaScript, so the message or the codes are seen.
  return (
    <details className="second-factor__more" open={state.message || recoveryCodes ? true : undefined}>
      <summary>{summary}</summary>
      {help && <p className="muted">{help}</p>}
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} />}
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
