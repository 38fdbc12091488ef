import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, FieldFrame } from '@/components/ui/field-frame';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Shown after the input, inside the same frame (a "show password" toggle, a copy button). */
  addon?: ReactNode;
};

/** A labelled input with its hint and error tied to it. */
export function Field({ id, label, hint, error, addon, required, className, ...input }: FieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        id={id}
        className="field__input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      {addon}
    </FieldFrame>
  );
}
