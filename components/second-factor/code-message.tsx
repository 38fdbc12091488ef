'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import type { FormMessage, FormState } from '@/lib/forms/state';

/**
 * The one message of a code form, above its field: the action's (a refused code), or the schema's
 * about the field (none typed, or far too long; lib/second-factor/code-schema.ts).
 */
export function codeFormMessage(state: FormState<'code', unknown>): FormMessage | undefined {
  return state.message ?? (state.errors?.code ? { key: state.errors.code } : undefined);
}

/** Why a code was refused; when the sign-in itself ran out, with the way back to the sign-in page. */
export function CodeMessage({ id, message }: { id: string; message: FormMessage }) {
  const t = useT();
  return (
    <Alert tone="error" id={id}>
      <p>
        {t(message.key, message.values)} {message.href && <Link href={message.href}>{t('signIn.pageTitle')}</Link>}
      </p>
    </Alert>
  );
}
