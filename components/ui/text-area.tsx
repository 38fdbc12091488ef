import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { controlProps, FieldFrame } from '@/components/ui/field-frame';

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; label: ReactNode; hint?: ReactNode; error?: string };

/** The multi-line twin of Field. */
export function TextArea({ id, label, hint, error, required, ...textarea }: TextAreaProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <textarea
        {...controlProps(id, hint, error, required)}
        className="field__input field__input--multiline"
        {...textarea}
      />
    </FieldFrame>
  );
}
