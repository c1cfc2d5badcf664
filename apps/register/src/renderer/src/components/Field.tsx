import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  /** Shown next to the field and tied to it for screen readers. */
  error?: string | null | undefined;
  help?: ReactNode;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/** A labelled form field with its help and its error right beside it. */
export function Field({ label, error, help, children }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
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

export function TextField(props: { label: string; error?: string | null | undefined; help?: ReactNode } & ComponentPropsWithRef<'input'>) {
  const { label, error, help, ...input } = props;
  return (
    <Field label={label} error={error} help={help}>
      {(a11y) => <input type="text" {...input} {...a11y} />}
    </Field>
  );
}

export function TextAreaField(props: { label: string; error?: string | null | undefined; help?: ReactNode } & ComponentPropsWithRef<'textarea'>) {
  const { label, error, help, ...textarea } = props;
  return (
    <Field label={label} error={error} help={help}>
      {(a11y) => <textarea rows={3} {...textarea} {...a11y} />}
    </Field>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; help?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={props.help ? `${id}-help` : undefined} />
      <label htmlFor={id}>{props.label}</label>
      {props.help ? (
        <p id={`${id}-help`} className="field__help">
          {props.help}
        </p>
      ) : null}
    </div>
  );
}

/** A keyboard shortcut shown on a button: <kbd>F7</kbd>. */
export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {children}
    </kbd>
  );
}
