import type { ApiError, ReturnableSale, ReturnQuote, Sale } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useFormat } from '../components/format';
import { useHotkeys } from '../components/hotkeys';
import { AmountSummary } from './PaymentForm';
import { call, newId } from '../stores/call';
import { useStores } from '../stores/context';

type Refusal = { code: string; message: string };

/**
 * A return at the till, keyboard first: type or scan the receipt number (Enter), type the quantities to
 * give back (Tab between lines), see the refund and its method, confirm with Ctrl+Enter; the return
 * receipt is printed at once. The core decides everything (what is left, the amounts, the method);
 * this screen shows it and words its refusals.
 */
export function ReturnsScreen({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { transport } = useStores();
  const [receipt, setReceipt] = useState('');
  const [found, setFound] = useState<ReturnableSale | null>(null);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [quote, setQuote] = useState<ReturnQuote | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Sale | null>(null);
  const [printError, setPrintError] = useState<ApiError | null>(null);
  const [printed, setPrinted] = useState(false);
  // One id per return being made, so a retry after a lost answer never returns twice.
  const returnId = useRef(newId());
  const receiptInput = useRef<HTMLInputElement>(null);
  const firstQuantity = useRef<HTMLInputElement>(null);

  const say = (error: ApiError) => {
    // The core's refusals in the cashier's language; any other error as the shared texts word it.
    // A line's refusal (`lines[1].quantity`) names the product of that line.
    const key = `returns.refused.${error.code}`;
    const index = /^lines\[(\d+)\]/.exec(error.field ?? '')?.[1];
    const lineNo = index === undefined ? undefined : chosen[Number(index)]?.lineNo;
    const name = found?.lines.find((l) => l.lineNo === lineNo)?.name ?? '';
    setRefusal({ code: error.code, message: i18n.exists(key) ? t(key, { receipt: receipt.trim(), name }) : errorText(t, error) });
  };

  const chosen = (found?.lines ?? [])
    .map((line) => ({ lineNo: line.lineNo, quantity: Number(quantities[line.lineNo] || 0) }))
    .filter((l) => l.quantity !== 0);
  const chosenKey = JSON.stringify(chosen);

  useEffect(() => {
    if (!found || done) return;
    setQuote(null);
    if (chosen.length === 0) return;
    const invalid = chosen.some((l) => !Number.isInteger(l.quantity));
    if (invalid) return;
    let current = true;
    void call(transport, 'returns/quote', { originalSaleId: found.sale.id, lines: chosen }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setQuote(result.data);
        setRefusal(null);
      } else say(result.error);
    });
    return () => {
      current = false;
    };
    // chosenKey stands for the chosen quantities.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosenKey, found, done, transport]);

  // A sale found: the keyboard goes on to its first line that can still be returned.
  useEffect(() => {
    if (found) firstQuantity.current?.focus();
  }, [found]);

  const find = async (event?: FormEvent) => {
    event?.preventDefault();
    const digits = receipt.trim();
    setRefusal(null);
    if (!/^\d{1,9}$/.test(digits) || Number(digits) < 1) {
      setFound(null);
      setRefusal({ code: 'RECEIPT_NUMBER_FORMAT', message: t('returns.receiptFormat') });
      return;
    }
    setBusy(true);
    const result = await call(transport, 'returns/find', { receiptNumber: Number(digits) });
    setBusy(false);
    if (!result.ok) {
      setFound(null);
      say(result.error);
      return;
    }
    setFound(result.data);
    setQuantities({});
    setQuote(null);
    setDone(null);
    returnId.current = newId();
  };

  const print = async (sale: Sale) => {
    setPrintError(null);
    const result = await call(transport, 'receipts/print', { saleId: sale.id });
    if (result.ok) setPrinted(true);
    else setPrintError(result.error);
  };

  const complete = async () => {
    if (!found || !quote || busy) return;
    setBusy(true);
    const result = await call(transport, 'returns/complete', {
      id: returnId.current,
      originalSaleId: found.sale.id,
      lines: chosen,
      refundMethods: found.refundMethods,
    });
    setBusy(false);
    if (!result.ok) {
      say(result.error);
      return;
    }
    setDone(result.data.sale);
    setPrinted(false);
    await print(result.data.sale);
  };

  const startOver = () => {
    setFound(null);
    setDone(null);
    setQuote(null);
    setQuantities({});
    setReceipt('');
    setRefusal(null);
    setPrintError(null);
    returnId.current = newId();
    receiptInput.current?.focus();
  };

  useHotkeys({ Escape: done ? startOver : onClose, 'mod+Enter': quote && !done && !busy ? () => void complete() : undefined });

  const refund = (sale: { payments: Sale['payments'] } | ReturnQuote) =>
    ('refunds' in sale ? sale.refunds : sale.payments).map((p) => ({ label: t('returns.refundBy', { method: t(`common:paymentMethod.${p.method}`) }), ore: -p.amountOre }));

  return (
    <main className="screen returns" aria-labelledby="returns-title">
      <div className="panel__header">
        <h1 id="returns-title">{t('returns.title')}</h1>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('common:action.close')} <Kbd>Esc</Kbd>
        </button>
      </div>
      {!done ? (
        <form className="returns__find" onSubmit={(e) => void find(e)} aria-label={t('returns.findLabel')}>
          <div className="field">
            <label htmlFor="return-receipt">{t('returns.receiptNumber')}</label>
            <input
              id="return-receipt"
              ref={receiptInput}
              // The till's first field on this screen: a scanner's digits and Enter land here.
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
              inputMode="numeric"
              autoComplete="off"
              value={receipt}
              aria-describedby="return-receipt-help"
              onChange={(e) => setReceipt(e.target.value)}
            />
            <p id="return-receipt-help" className="field__help">
              {t('returns.receiptHelp')}
            </p>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('returns.find')} <Kbd>Enter</Kbd>
          </button>
        </form>
      ) : null}
      {refusal ? (
        <p className="field__error returns__refusal" role="alert">
          {refusal.message}
        </p>
      ) : null}
      {found && !done ? (
        <section className="panel" aria-labelledby="return-original-title">
          <h2 id="return-original-title">{t('returns.original', { number: found.sale.receiptNumber })}</h2>
          <p className="muted">
            {f.dateTime(found.sale.completedAt)} · {t('returns.paidBy', { methods: found.refundMethods.map((m) => t(`common:paymentMethod.${m}`)).join(' + ') })}
          </p>
          <table className="table">
            <caption className="visually-hidden">{t('returns.linesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('returns.product')}</th>
                <th scope="col" className="amount">{t('returns.sold')}</th>
                <th scope="col" className="amount">{t('returns.returned')}</th>
                <th scope="col" className="amount">{t('returns.left')}</th>
                <th scope="col" className="amount">{t('returns.amount')}</th>
                <th scope="col">{t('returns.toReturn')}</th>
              </tr>
            </thead>
            <tbody>
              {found.lines.map((line, i) => (
                <tr key={line.lineNo}>
                  <td>{line.name}</td>
                  <td className="amount">{line.soldQuantity}</td>
                  <td className="amount">{line.returnedQuantity}</td>
                  <td className="amount">{line.returnableQuantity}</td>
                  <td className="amount">{f.money(line.grossOre)}</td>
                  <td>
                    <input
                      ref={i === found.lines.findIndex((l) => l.returnableQuantity > 0) ? firstQuantity : undefined}
                      className="returns__quantity"
                      type="number"
                      min={0}
                      max={line.returnableQuantity}
                      step={1}
                      inputMode="numeric"
                      aria-label={t('returns.quantityOf', { name: line.name, left: line.returnableQuantity })}
                      value={quantities[line.lineNo] ?? ''}
                      onChange={(e) => setQuantities((q) => ({ ...q, [line.lineNo]: e.target.value }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {found.lines.every((l) => l.returnableQuantity === 0) ? <p role="status">{t('returns.allReturned')}</p> : null}
          {quote ? (
            <div role="status" aria-label={t('returns.refundLabel')}>
              <AmountSummary
                rows={[
                  { label: t('returns.goodsBack'), ore: -quote.totalOre },
                  quote.roundingOre !== 0 && { label: t('payment.rounding'), ore: -quote.roundingOre },
                  ...refund(quote).map((row) => ({ ...row, big: true })),
                ]}
              />
            </div>
          ) : null}
          <button type="button" className="button button--primary button--large" disabled={!quote || busy} onClick={() => void complete()}>
            {busy ? t('payment.completing') : t('returns.complete')} <Kbd>Ctrl+Enter</Kbd>
          </button>
        </section>
      ) : null}
      {done ? (
        <section className="panel completed" aria-labelledby="return-done-title">
          <h2 id="return-done-title">{t('returns.done')}</h2>
          <p className="muted">{t('returns.doneReceipt', { number: done.receiptNumber, original: done.returnOf?.receiptNumber })}</p>
          <AmountSummary rows={refund(done).map((row) => ({ ...row, big: true }))} />
          {printed ? <p role="status">{t('returns.printed')}</p> : null}
          {printError ? (
            <div className="print-failure" role="alert">
              <p>
                <strong>{t('returns.printFailed')}</strong> {errorText(t, printError)}
              </p>
              <p>{t('returns.returnSafe')}</p>
              <button type="button" className="button button--primary" onClick={() => void print(done)}>
                {t('common:action.retry')}
              </button>
            </div>
          ) : null}
          <button type="button" className="button button--primary button--large" onClick={startOver}>
            {t('returns.next')} <Kbd>Esc</Kbd>
          </button>
        </section>
      ) : null}
    </main>
  );
}
