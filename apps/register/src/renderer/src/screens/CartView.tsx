import { parseAmount, parsePercent, amountForInput, errorText } from '@nota/web-kit';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../components/format';
import type { CartLine, Discount } from '../stores/cart-store';
import { useRegister, useStores } from '../stores/context';

/** The open cart: lines with quantity and discount, then VAT per rate and the total. */
export function CartView({ editable = true }: { editable?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lines = useRegister('cart', (s) => s.lines);
  const priced = useRegister('cart', (s) => s.priced);
  const error = useRegister('cart', (s) => s.error);
  const pricedLines = priced?.lines ?? [];

  return (
    <section className="cart" aria-labelledby="cart-title">
      <h2 id="cart-title">{t('cart.title')}</h2>
      {lines.length === 0 ? <p className="muted">{t('cart.empty')}</p> : null}
      <ul className="cart-lines" aria-label={t('cart.lines')}>
        {lines.map((line, i) => {
          const p = pricedLines[i]?.productId === line.productId ? pricedLines[i] : undefined;
          return <CartLineRow key={line.key} line={line} grossOre={p?.grossOre ?? null} discountOre={p?.discountOre ?? 0} editable={editable} />;
        })}
      </ul>
      {error ? (
        <p className="field__error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="totals">
        {priced && priced.discountOre > 0 ? (
          <div className="totals__row">
            <span>{t('cart.discount')}</span>
            <span className="amount">−{f.money(priced.discountOre)}</span>
          </div>
        ) : null}
        {priced && priced.vatSummary.length > 0 ? (
        <table className="vat-table" aria-label={t('cart.vatTable')}>
          <thead>
            <tr>
              <th scope="col">{t('cart.vatRate')}</th>
              <th scope="col">{t('cart.net')}</th>
              <th scope="col">{t('cart.vat')}</th>
              <th scope="col">{t('cart.gross')}</th>
            </tr>
          </thead>
          <tbody>
            {priced.vatSummary.map((row) => (
              <tr key={row.rateBp}>
                <td>{f.percent(row.rateBp)}</td>
                <td className="amount">{f.amount(row.netOre)}</td>
                <td className="amount">{f.amount(row.vatOre)}</td>
                <td className="amount">{f.amount(row.grossOre)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        ) : null}
        <div className="total" aria-live="polite">
          <span>{t('cart.total')}</span>
          <output className="total__amount" aria-label={t('cart.total')}>
            {f.money(priced?.totalOre ?? 0)}
          </output>
        </div>
      </div>
    </section>
  );
}

// Memoised: a scan changes one line, and the others (same line object, same price) need not render again.
const CartLineRow = memo(function CartLineRow({ line, grossOre, discountOre, editable }: { line: CartLine; grossOre: number | null; discountOre: number; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { cart } = useStores();
  const [editingDiscount, setEditingDiscount] = useState(false);
  const [qtyText, setQtyText] = useState<string | null>(null);
  const set = cart.getState();

  return (
    <li className="cart-line" aria-label={line.name}>
      <div className="cart-line__main">
        <span className="cart-line__name">{line.name}</span>
        <span className="amount cart-line__total">{grossOre === null ? f.money(line.unitPriceOre * line.quantity) : f.money(grossOre)}</span>
      </div>
      <div className="cart-line__controls">
        {editable ? (
          <>
            <button type="button" className="button button--icon" aria-label={t('cart.decrease', { name: line.name })} disabled={line.quantity <= 1} onClick={() => set.setQuantity(line.key, line.quantity - 1)}>
              −
            </button>
            <input
              className="qty-input"
              type="text"
              inputMode="numeric"
              aria-label={t('cart.quantity', { name: line.name })}
              value={qtyText ?? String(line.quantity)}
              onChange={(e) => {
                const text = e.target.value.replace(/\D/g, '').slice(0, 5);
                setQtyText(text);
                const n = Number(text);
                if (text && n >= 1) set.setQuantity(line.key, n);
              }}
              onBlur={() => setQtyText(null)}
            />
            <button type="button" className="button button--icon" aria-label={t('cart.increase', { name: line.name })} onClick={() => set.setQuantity(line.key, line.quantity + 1)}>
              +
            </button>
            <span className="muted">× {f.money(line.unitPriceOre)}</span>
            <button type="button" className="button button--small" aria-expanded={editingDiscount} onClick={() => setEditingDiscount((v) => !v)}>
              {t('cart.discountButton')}
            </button>
            <button type="button" className="button button--icon button--danger" aria-label={t('cart.remove', { name: line.name })} onClick={() => set.remove(line.key)}>
              ✕
            </button>
          </>
        ) : (
          <span className="muted">
            {line.quantity} × {f.money(line.unitPriceOre)}
          </span>
        )}
      </div>
      {discountOre > 0 ? <div className="cart-line__discount">{t('cart.lineDiscount', { amount: f.money(discountOre) })}</div> : null}
      {editingDiscount && editable ? (
        <DiscountEditor
          line={line}
          onDone={(discount) => {
            if (discount !== undefined) set.setDiscount(line.key, discount);
            setEditingDiscount(false);
          }}
        />
      ) : null}
    </li>
  );
});

function DiscountEditor({ line, onDone }: { line: CartLine; onDone: (discount: Discount | null | undefined) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [kind, setKind] = useState<'percent' | 'amount'>(line.discount?.kind ?? 'percent');
  const [text, setText] = useState(
    !line.discount ? '' : line.discount.kind === 'percent' ? String(line.discount.bp / 100).replace('.', ',') : amountForInput(line.discount.ore, f.locale),
  );
  const parsed = kind === 'percent' ? parsePercent(text) : parseAmount(text, { max: line.unitPriceOre * line.quantity });
  const error = text.trim() && !parsed.ok ? t(`common:error.${parsed.code}`) : null;
  const apply = () => {
    if (!text.trim()) return onDone(null);
    if (!parsed.ok) return;
    onDone(kind === 'percent' ? { kind: 'percent', bp: parsed.value } : { kind: 'amount', ore: parsed.value });
  };
  return (
    <form
      className="discount-editor"
      aria-label={t('cart.discountFor', { name: line.name })}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <fieldset>
        <legend>{t('cart.discountKind')}</legend>
        <label>
          <input type="radio" name={`kind-${line.key}`} checked={kind === 'percent'} onChange={() => setKind('percent')} /> {t('cart.percent')}
        </label>
        <label>
          <input type="radio" name={`kind-${line.key}`} checked={kind === 'amount'} onChange={() => setKind('amount')} /> {t('cart.amount')}
        </label>
      </fieldset>
      <label htmlFor={`discount-${line.key}`}>{t('cart.discountValue')}</label>
      <input
        id={`discount-${line.key}`}
        autoFocus
        inputMode="decimal"
        value={text}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `discount-${line.key}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone(undefined)}
      />
      {error ? (
        <p id={`discount-${line.key}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--small" disabled={Boolean(error)}>
        {t('cart.applyDiscount')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => onDone(null)}>
        {t('cart.removeDiscount')}
      </button>
    </form>
  );
}
