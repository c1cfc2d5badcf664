import { useId, type ReactNode } from 'react';

interface FormFieldProps {
  label: string;
  /** Shown right below the field and tied to it for screen readers. */
  error?: string | undefined;
  help?: ReactNode;
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
  className?: string;
}

/** A labelled form control with its help and its error beside it. */
export function FormField({ label, error, help, children, className }: FormFieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {help ? (
        <p id={`${id}-help`} className="field__help">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label on the right, as people expect one. */
export function CheckField({ label, help, children }: { label: string; help?: string; children: (a11y: { id: string; 'aria-describedby': string | undefined }) => ReactNode }) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      {children({ id, 'aria-describedby': help ? `${id}-help` : undefined })}
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p id={`${id}-help`} className="field__help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
