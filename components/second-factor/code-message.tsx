'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { Alert } from '@/components/ui/alert';
import type { FormMessage } from '@/lib/forms/state';

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
