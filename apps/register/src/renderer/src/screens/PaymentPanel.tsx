import { cashRound, DomainError, settle, type Settlement } from '@nota/domain';
import type { PaymentInput } from '@nota/protocol';
import { amountForInput, parseAmount } from '@nota/web-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd, TextField } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { useRegister, useStores } from '../stores/context';
import { offers } from '../stores/payment-store';
import { InvoicePayment } from './InvoicePayment';
import { AmountSummary, PaymentForm } from './PaymentForm';

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
  const offered = useRegister('payment', (s) => (s.method ? offers(s.enabled, s.method) : true));
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
      {!offered ? (
        // Turned off by head office while this panel was open: the sale waits for another way to pay.
        <p className="notice" role="alert">
          {t('payment.methodOff', { method: t(`payment.title.${method}`) })}
        </p>
      ) : method === 'cash' ? <CashPayment /> : method === 'card' ? <CardPayment /> : method === 'split' ? <SplitPayment /> : <InvoicePayment />}
    </section>
  );
}

function useTotal(): number | null {
  const priced = useRegister('cart', (s) => (s.pricedVersion === s.version ? s.priced : null));
  return priced?.totalOre ?? null;
}

function CashPayment() {
  const { t } = useTranslation();
  const f = useFormat();
  const total = useTotal();
  const { payment } = useStores();
  const rounded = total === null ? null : cashRound(total);
  const [given, setGiven] = useState(rounded === null ? '' : amountForInput(rounded.roundedOre, f.locale));
  const parsed = parseAmount(given);
  const result = total !== null && parsed.ok ? preview(total, [{ method: 'cash', tenderedOre: parsed.value }]) : null;
  const fieldError = given.trim() && !parsed.ok ? t(`common:error.${parsed.code}`) : result && 'error' in result ? t('payment.notEnough') : null;
  const ok = result !== null && 'settlement' in result;
  return (
    <PaymentForm
      due={[
        { label: t('payment.total'), ore: total },
        rounded !== null && rounded.roundingOre !== 0 && { label: t('payment.rounding'), ore: rounded.roundingOre },
        { label: t('payment.toPay'), ore: rounded?.roundedOre ?? null, big: true },
      ]}
      completeLabel={t('payment.completeCash')}
      canComplete={ok}
      onComplete={() => parsed.ok && void payment.getState().complete([{ method: 'cash', tenderedOre: parsed.value }])}
    >
      <TextField label={t('payment.given')} inputMode="decimal" autoFocus value={given} onChange={(e) => setGiven(e.target.value)} error={fieldError} onFocus={(e) => e.target.select()} />
      <Change result={result} />
    </PaymentForm>
  );
}

/** The change to hand back, large; a dash until the amount given covers the sale. */
function Change({ result }: { result: ReturnType<typeof preview> | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <p className="change" aria-live="polite">
      {t('payment.change')}: <strong className="amount amount--big">{result && 'settlement' in result ? f.money(result.settlement.changeOre) : '–'}</strong>
    </p>
  );
}

function CardPayment() {
  const { t } = useTranslation();
  const total = useTotal();
  const { payment } = useStores();
  return (
    <PaymentForm
      due={[{ label: t('payment.toPay'), ore: total, big: true }]}
      completeLabel={t('payment.completeCard')}
      canComplete={total !== null && total > 0}
      onComplete={() => total !== null && void payment.getState().complete([{ method: 'card', amountOre: total }])}
    >
      <p>{t('payment.cardHelp')}</p>
    </PaymentForm>
  );
}

function SplitPayment() {
  const { t } = useTranslation();
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
  return (
    <PaymentForm
      due={[{ label: t('payment.total'), ore: total, big: true }]}
      completeLabel={t('payment.completeSplit')}
      canComplete={ok}
      onComplete={() => void payment.getState().complete(payments)}
    >
      <TextField
        label={t('payment.cardPart')}
        inputMode="decimal"
        autoFocus
        value={card}
        onChange={(e) => setCard(e.target.value)}
        error={card.trim() && !cardParsed.ok ? t(`common:error.${cardParsed.code}`) : result && 'error' in result && result.error.code === 'PAYMENT_OVER' ? t('common:error.PAYMENT_OVER') : null}
      />
      <AmountSummary
        rows={[
          { label: t('payment.cashPart'), ore: cashDue?.roundedOre ?? null, unknown: '–' },
          cashDue !== null && cashDue.roundingOre !== 0 && { label: t('payment.rounding'), ore: cashDue.roundingOre },
        ]}
      />
      <TextField
        label={t('payment.given')}
        inputMode="decimal"
        value={given}
        onChange={(e) => setGiven(e.target.value)}
        error={given.trim() && !givenParsed.ok ? t(`common:error.${givenParsed.code}`) : result && 'error' in result && result.error.code === 'PAYMENT_SHORT' && given.trim() ? t('payment.notEnough') : null}
      />
      <Change result={result} />
    </PaymentForm>
  );
}
