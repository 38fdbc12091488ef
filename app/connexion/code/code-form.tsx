'use client';

import { useActionState } from 'react';
import { verifySignInCodeAction } from '@/app/connexion/code/actions';
import { useT } from '@/components/i18n-provider';
import { CodeMessage, codeFormMessage } from '@/components/second-factor/code-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { MAX_CODE_INPUT } from '@/lib/second-factor/code-schema';

/** The code asked after a right password. One field takes the app's code or a recovery code. */
export function CodeForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(verifySignInCodeAction, {});
  const message = codeFormMessage(state);
  return (
    <form action={formAction} className="form" noValidate aria-describedby={message ? 'code-message' : undefined}>
      {message && <CodeMessage id="code-message" message={message} />}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        id="second-factor-code"
        name="code"
        label={t('secondFactor.code.label')}
        hint={t('secondFactor.code.hint')}
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={MAX_CODE_INPUT}
        required
        autoFocus
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t('secondFactor.code.pending') : t('secondFactor.code.submit')}
      </Button>
    </form>
  );
}
