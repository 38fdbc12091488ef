'use client';

import { useState, type FormEvent } from 'react';
import { previewImportAction } from '@/app/admin/comptes/import/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

type Props = { label: string; hint: string; submit: string; tooLarge: string; maxBytes: number };

/**
 * The upload form. Without scripts the server checks the file (and the server's body limit
 * answers a clear page for anything huge); with scripts a file over the limit is refused here,
 * before it is sent, with the same message.
 */
export function ImportUploadForm({ label, hint, submit, tooLarge, maxBytes }: Props) {
  const [refused, setRefused] = useState(false);
  const check = (event: FormEvent<HTMLFormElement>) => {
    const file = new FormData(event.currentTarget).get('file');
    const over = file instanceof File && file.size > maxBytes;
    setRefused(over);
    if (over) event.preventDefault();
  };
  return (
    <form action={previewImportAction} onSubmit={check} className="stack">
      {refused && (
        <Alert tone="error">
          <p>{tooLarge}</p>
        </Alert>
      )}
      <Field id="import-file" name="file" type="file" label={label} hint={hint} accept=".csv,.txt,text/csv" required onChange={() => setRefused(false)} />
      <div>
        <Button type="submit">{submit}</Button>
      </div>
    </form>
  );
}
