import type { ReactNode, SelectHTMLAttributes } from 'react';
import { controlProps, FieldFrame } from '@/components/ui/field-frame';

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
        {...controlProps(id, undefined, error, required)}
        className="field__input"
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
