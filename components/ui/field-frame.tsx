import type { ReactNode } from 'react';

type FrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  children: ReactNode;
};

/** What ties a control to its frame: its id, and its hint and error through aria-describedby. */
export function controlProps(id: string, hint: ReactNode, error: string | undefined, required: boolean | undefined) {
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return { id, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
}

/**
 * Label, hint, control and error of one form field. The error sits in a live region that is
 * always present, so screen readers announce it when it appears.
 */
export function FieldFrame({ id, label, hint, error, required, className, children }: FrameProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <div className="field__control">{children}</div>
      <p id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
