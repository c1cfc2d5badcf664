import { errorText } from '@nota/web-kit';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { useRegister } from '../stores/context';

export interface AmountRow {
  label: string;
  /** null while it cannot be known: the cart being priced, or a field not yet filled in. */
  ore: number | null;
  big?: boolean;
  /** Shown instead of a null amount: '…' (coming) unless the row says otherwise. */
  unknown?: string;
}

/** Amounts with their labels, right-aligned: what is due, rounding, what is left for cash. */
export function AmountSummary({ rows }: { rows: (AmountRow | false | null)[] }) {
  const f = useFormat();
  return (
    <dl className="summary">
      {rows.map((row) =>
        row ? (
          <div key={row.label} className="summary__row">
            <dt>{row.label}</dt>
            <dd className={row.big ? 'amount amount--big' : 'amount'}>{row.ore === null ? (row.unknown ?? '…') : f.money(row.ore)}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

/**
 * One way to pay: what is due on top, the method's own fields, the core's refusal if any, and the
 * button that completes the sale (Enter in a field or Ctrl+Enter anywhere). Cash, card, split and
 * invoice differ only in what goes between.
 */
export function PaymentForm({
  label,
  due,
  completeLabel,
  canComplete,
  onComplete,
  children,
}: {
  /** The form's accessible name, where the panel's heading does not say it. */
  label?: string;
  due?: (AmountRow | false | null)[];
  completeLabel: string;
  canComplete: boolean;
  onComplete: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const completing = useRegister('payment', (s) => s.completing);
  const error = useRegister('payment', (s) => s.error);
  const ready = canComplete && !completing;
  useHotkeys({ 'mod+Enter': ready ? onComplete : undefined });
  return (
    <form
      className="form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onComplete();
      }}
    >
      {due ? <AmountSummary rows={due} /> : null}
      {children}
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--large" disabled={!ready}>
        {completing ? t('payment.completing') : completeLabel} <Kbd>Ctrl+Enter</Kbd>
      </button>
    </form>
  );
}
