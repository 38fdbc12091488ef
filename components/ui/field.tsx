import type { InputHTMLAttributes, ReactNode } from 'react';
import { controlProps, FieldFrame } from '@/components/ui/field-frame';

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
        {...controlProps(id, hint, error, required)}
        className="field__input"
        {...input}
      />
      {addon}
    </FieldFrame>
  );
}
