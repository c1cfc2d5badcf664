import { errorText } from '@nota/web-kit';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../components/Field';
import { useHotkeys } from '../components/hotkeys';
import { useBarcodeScanner } from '../components/scanner';
import { useRegister, useStores } from '../stores/context';
import { offers, type PaymentMethod } from '../stores/payment-store';
import { CartView } from './CartView';
import { CompletedPanel } from './CompletedPanel';
import { PaymentPanel } from './PaymentPanel';
import { ProductSearch } from './ProductSearch';
import { QuickPick } from './QuickPick';

const METHODS: { method: PaymentMethod; key: string }[] = [
  { method: 'cash', key: 'F4' },
  { method: 'card', key: 'F5' },
  { method: 'split', key: 'F6' },
  { method: 'invoice', key: 'F7' },
];

/** Ringing up: search or scan on the left, the cart and the way to pay on the right. */
export function SaleScreen() {
  const { t } = useTranslation();
  const { cart, payment } = useStores();
  const method = useRegister('payment', (s) => s.method);
  const completed = useRegister('payment', (s) => s.completed);
  const empty = useRegister('cart', (s) => s.lines.length === 0);
  // Only the ways to pay head office has active here; the list follows a sync while the cart is open.
  const enabled = useRegister('payment', (s) => s.enabled);
  const methods = METHODS.filter(({ method: m }) => offers(enabled, m));
  const search = useRef<HTMLInputElement>(null);
  const [scanError, setScanError] = useState<string | null>(null);

  const onScan = useCallback(
    (code: string) => {
      void cart
        .getState()
        .scan(code)
        .then((error) => setScanError(error ? `${errorText(t, error)} (${code})` : null));
    },
    [cart, t],
  );
  // Scans land in the cart wherever focus is, while ringing up.
  useBarcodeScanner(onScan, !method && !completed);

  const choose = (m: PaymentMethod) => !empty && payment.getState().choose(m);
  useHotkeys(
    {
      F2: () => search.current?.focus(),
      F4: () => choose('cash'),
      F5: () => choose('card'),
      F6: () => choose('split'),
      F7: () => choose('invoice'),
    },
    !method && !completed,
  );
  useEffect(() => {
    if (!method && !completed) search.current?.focus();
  }, [method, completed]);

  return (
    <div className="sale">
      <div className="sale__left">
        {completed ? (
          <CompletedPanel />
        ) : method ? (
          <PaymentPanel />
        ) : (
          <>
            <ProductSearch inputRef={search} onAdded={() => setScanError(null)} />
            {scanError ? (
              <p className="field__error" role="alert">
                {scanError}
              </p>
            ) : null}
            <QuickPick />
          </>
        )}
      </div>
      <div className="sale__right">
        <CartView editable={!method && !completed} />
        {!method && !completed ? (
          <div className="pay-buttons" role="group" aria-label={t('sale.payWith')}>
            {methods.map(({ method: m, key }) => (
              <button key={m} type="button" className={`button button--pay${m === 'invoice' ? ' button--primary' : ''}`} disabled={empty} onClick={() => choose(m)}>
                {t(`sale.pay.${m}`)} <Kbd>{key}</Kbd>
              </button>
            ))}
            <button type="button" className="button button--quiet" disabled={empty} onClick={() => cart.getState().newSale()}>
              {t('sale.clear')}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
