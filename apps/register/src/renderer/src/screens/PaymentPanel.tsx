import { cashRound, DomainError, settle, type Settlement } from '@nota/domain';
import type { PaymentInput } from '@nota/protocol';
import { amountForInput, errorText, parseAmount } from '@nota/web-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd, TextField } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';
import { InvoicePayment } from './InvoicePayment';

/** What the payments would come to, by the domain's own rules: rounding, change, what is missing. */
function preview(totalOre: number, payments: PaymentInput[]): { settlement: Settlement } | { error: DomainError } {
  try {
    return { settlement: settle(totalOre, payments) };
  } catch (err) {
    if (err instanceof DomainError) return { error: err };
    throw err;
  }
}

export function PaymentPanel() {
  const { t } = useTranslation();
  const method = useRegister('payment', (s) => s.method);
  const { payment } = useStores();
  useHotkeys({ Escape: () => payment.getState().choose(null) });
  if (!method) return null;
  return (
    <section className="panel payment" aria-labelledby="payment-title">
      <div className="panel__header">
        <h2 id="payment-title">{t(`payment.title.${method}`)}</h2>
        <button type="button" className="button button--quiet" onClick={() => payment.getState().choose(null)}>
          {t('payment.backToSale')} <Kbd>Esc</Kbd>
        </button>
      </div>
      {method === 'cash' ? <CashPayment /> : method === 'card' ? <CardPayment /> : method === 'split' ? <SplitPayment /> : <InvoicePayment />}
    </section>
  );
}

function useTotal(): number | null {
  const priced = useRegister('cart', (s) => (s.pricedVersion === s.version ? s.priced : null));
  return priced?.totalOre ?? null;
}

function CompleteButton({ label, disabled, onComplete }: { label: string; disabled: boolean; onComplete: () => void }) {
  const { t } = useTranslation();
  const completing = useRegister('payment', (s) => s.completing);
  const error = useRegister('payment', (s) => s.error);
  useHotkeys({ 'mod+Enter': disabled || completing ? undefined : onComplete });
  return (
    <>
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--large" disabled={disabled || completing}>
        {completing ? t('payment.completing') : label} <Kbd>Ctrl+Enter</Kbd>
      </button>
    </>
  );
}

function CashPayment() {
  const { t } = useTranslation();
  const f = useFormat();
  const total = useTotal();
  const { payment } = useStores();
  const due = total === null ? null : cashRound(total).roundedOre;
  const [given, setGiven] = useState(due === null ? '' : amountForInput(due, f.locale));
  const parsed = parseAmount(given);
  const result = total !== null && parsed.ok ? preview(total, [{ method: 'cash', tenderedOre: parsed.value }]) : null;
  const fieldError = given.trim() && !parsed.ok ? t(`common:error.${parsed.code}`) : result && 'error' in result ? t('payment.notEnough') : null;
  const ok = result !== null && 'settlement' in result;
  const complete = () => ok && parsed.ok && void payment.getState().complete([{ method: 'cash', tenderedOre: parsed.value }]);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        complete();
      }}
    >
      <dl className="summary">
        <dt>{t('payment.total')}</dt>
        <dd className="amount">{total === null ? '…' : f.money(total)}</dd>
        {total !== null && cashRound(total).roundingOre !== 0 ? (
          <>
            <dt>{t('payment.rounding')}</dt>
            <dd className="amount">{f.money(cashRound(total).roundingOre)}</dd>
          </>
        ) : null}
        <dt>{t('payment.toPay')}</dt>
        <dd className="amount amount--big">{due === null ? '…' : f.money(due)}</dd>
      </dl>
      <TextField label={t('payment.given')} inputMode="decimal" autoFocus value={given} onChange={(e) => setGiven(e.target.value)} error={fieldError} onFocus={(e) => e.target.select()} />
      <p className="change" aria-live="polite">
        {t('payment.change')}: <strong className="amount amount--big">{result && 'settlement' in result ? f.money(result.settlement.changeOre) : '–'}</strong>
      </p>
      <CompleteButton label={t('payment.completeCash')} disabled={!ok} onComplete={complete} />
    </form>
  );
}

function CardPayment() {
  const { t } = useTranslation();
  const f = useFormat();
  const total = useTotal();
  const { payment } = useStores();
  const complete = () => total !== null && total > 0 && void payment.getState().complete([{ method: 'card', amountOre: total }]);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        complete();
      }}
    >
      <dl className="summary">
        <dt>{t('payment.toPay')}</dt>
        <dd className="amount amount--big">{total === null ? '…' : f.money(total)}</dd>
      </dl>
      <p>{t('payment.cardHelp')}</p>
      <CompleteButton label={t('payment.completeCard')} disabled={total === null || total <= 0} onComplete={complete} />
    </form>
  );
}

function SplitPayment() {
  const { t } = useTranslation();
  const f = useFormat();
  const total = useTotal();
  const { payment } = useStores();
  const [card, setCard] = useState('');
  const [given, setGiven] = useState('');
  const cardParsed = parseAmount(card);
  const givenParsed = parseAmount(given);
  const payments: PaymentInput[] = [];
  if (cardParsed.ok && cardParsed.value > 0) payments.push({ method: 'card', amountOre: cardParsed.value });
  if (givenParsed.ok || !given.trim()) payments.push({ method: 'cash', tenderedOre: givenParsed.ok ? givenParsed.value : 0 });
  const result = total !== null && payments.length > 0 ? preview(total, payments) : null;
  const cashDue = total !== null && cardParsed.ok ? cashRound(Math.max(total - cardParsed.value, 0)) : null;
  const ok = result !== null && 'settlement' in result && cardParsed.ok && cardParsed.value > 0;
  const complete = () => ok && void payment.getState().complete(payments);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        complete();
      }}
    >
      <dl className="summary">
        <dt>{t('payment.total')}</dt>
        <dd className="amount amount--big">{total === null ? '…' : f.money(total)}</dd>
      </dl>
      <TextField
        label={t('payment.cardPart')}
        inputMode="decimal"
        autoFocus
        value={card}
        onChange={(e) => setCard(e.target.value)}
        error={card.trim() && !cardParsed.ok ? t(`common:error.${cardParsed.code}`) : result && 'error' in result && result.error.code === 'PAYMENT_OVER' ? t('common:error.PAYMENT_OVER') : null}
      />
      <dl className="summary">
        <dt>{t('payment.cashPart')}</dt>
        <dd className="amount">{cashDue ? f.money(cashDue.roundedOre) : '–'}</dd>
        {cashDue && cashDue.roundingOre !== 0 ? (
          <>
            <dt>{t('payment.rounding')}</dt>
            <dd className="amount">{f.money(cashDue.roundingOre)}</dd>
          </>
        ) : null}
      </dl>
      <TextField
        label={t('payment.given')}
        inputMode="decimal"
        value={given}
        onChange={(e) => setGiven(e.target.value)}
        error={given.trim() && !givenParsed.ok ? t(`common:error.${givenParsed.code}`) : result && 'error' in result && result.error.code === 'PAYMENT_SHORT' && given.trim() ? t('payment.notEnough') : null}
      />
      <p className="change" aria-live="polite">
        {t('payment.change')}: <strong className="amount amount--big">{result && 'settlement' in result ? f.money(result.settlement.changeOre) : '–'}</strong>
      </p>
      <CompleteButton label={t('payment.completeSplit')} disabled={!ok} onComplete={complete} />
    </form>
  );
}
