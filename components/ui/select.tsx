import type { ReactNode, SelectHTMLAttributes } from 'react';
import { describedBy, FieldFrame } from '@/components/ui/field-frame';

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  id: string;
  label: ReactNode;
  options: { value: string; label: string }[];
  error?: string;
};

/** A labelled drop-down list, its error tied to it the way Field ties an input's. */
export function Select({ id, label, options, error, required, ...select }: SelectProps) {
  return (
    <FieldFrame id={id} label={label} error={error} required={required}>
      <select
        id={id}
        className="field__input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, undefined, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
