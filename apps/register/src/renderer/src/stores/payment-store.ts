import type { ApiError, CustomerSummary, PaymentInput, PaymentMethodId, RegisterTransport, ResponseOf, Sale } from '@nota/protocol';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { call } from './call';
import type { CartStore } from './cart-store';

export type PaymentMethod = 'cash' | 'card' | 'invoice' | 'split';

/** Whether the register offers `method` when head office has `enabled` active (null: not known yet, all offered). */
export function offers(enabled: readonly PaymentMethodId[] | null, method: PaymentMethod): boolean {
  if (enabled === null) return true;
  return method === 'split' ? enabled.includes('cash') && enabled.includes('card') : enabled.includes(method);
}
export type PrintResult = ResponseOf<'delivery-notes/print'>;

export interface InvoiceDraft {
  customer: CustomerSummary | null;
  reference: string;
  comment: string;
}

export interface PaymentState {
  /** Which payment panel is open; null while ringing up. */
  method: PaymentMethod | null;
  /** The ways to pay head office has active at this register, as the core last said; null until it has. */
  enabled: PaymentMethodId[] | null;
  invoice: InvoiceDraft;
  completing: boolean;
  error: ApiError | null;
  /** The sale just completed, for the change and delivery-note screen. */
  completed: Sale | null;
  printing: boolean;
  printed: PrintResult | null;
  printError: ApiError | null;
  choose(method: PaymentMethod | null): void;
  /** Follows the core's `payment-methods` pushes (a sync turned one on or off); returns the function that stops it. */
  watchMethods(): () => void;
  selectCustomer(customer: CustomerSummary | null): boolean;
  setInvoice(patch: Partial<Omit<InvoiceDraft, 'customer'>>): void;
  /** Completes the cart's sale with these payments; the sale is on disk when this answers true. */
  complete(payments: PaymentInput[]): Promise<boolean>;
  completeInvoice(): Promise<boolean>;
  printDeliveryNote(): Promise<ApiError | null>;
  /** The cashier has read the print failure; the note can still be printed. */
  dismissPrintError(): void;
  /** Back to ringing up after the completed sale's screen. */
  done(): void;
}

export const PAYMENT_STORAGE_KEY = 'nota.register.payment';
const emptyInvoice: InvoiceDraft = { customer: null, reference: '', comment: '' };

export function createPaymentStore(transport: RegisterTransport, cart: CartStore, storage?: StateStorage) {
  return createStore<PaymentState>()(
    persist(
      (set, get) => ({
        method: null,
        enabled: null,
        invoice: emptyInvoice,
        completing: false,
        error: null,
        completed: null,
        printing: false,
        printed: null,
        printError: null,
        choose(method) {
          if (method && !offers(get().enabled, method)) return;
          set({ method, error: null });
        },
        watchMethods() {
          const stop = transport.listen('payment-methods', ({ methods }) => set({ enabled: methods }));
          void call(transport, 'payment-methods/enabled', {}).then((result) => {
            if (result.ok) set({ enabled: result.data.methods });
          });
          return stop;
        },
        selectCustomer(customer) {
          // Inactive or not invoiceable: shown as such in the list, never chosen for the charge.
          if (customer && !customer.invoiceable) {
            set({ error: { code: 'CUSTOMER_NOT_INVOICEABLE', message: `Customer ${customer.customerNumber} cannot be invoiced.` } });
            return false;
          }
          set({ invoice: { ...get().invoice, customer }, error: null });
          return true;
        },
        setInvoice(patch) {
          set({ invoice: { ...get().invoice, ...patch } });
        },
        async complete(payments) {
          if (get().completing) return false;
          const { saleId, lines } = cart.getState();
          if (lines.length === 0) return false;
          const invoicePaid = payments.some((p) => p.method === 'invoice');
          const { customer, reference, comment } = get().invoice;
          set({ completing: true, error: null });
          const result = await call(transport, 'sales/complete', {
            id: saleId,
            lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, discount: l.discount })),
            payments,
            invoice:
              invoicePaid && customer
                ? { customerId: customer.id, buyerReference: reference.trim() || null, comment: comment.trim() || null }
                : null,
          });
          if (!result.ok) {
            // Nothing is lost: the cart, its sale id and the invoice details stay for a retry.
            set({ completing: false, error: result.error });
            return false;
          }
          cart.getState().newSale();
          set({
            completing: false,
            completed: result.data.sale,
            method: null,
            invoice: emptyInvoice,
            printed: null,
            printError: null,
          });
          return true;
        },
        async completeInvoice() {
          const { customer } = get().invoice;
          const total = cart.getState().priced?.totalOre;
          if (!customer) {
            set({ error: { code: 'INVOICE_CUSTOMER_REQUIRED', message: 'Choose the customer to invoice.', field: 'invoice.customerId' } });
            return false;
          }
          if (!cart.getState().isPriced() || total === undefined) await cart.getState().reprice();
          const priced = cart.getState().priced;
          if (!priced) return false;
          return get().complete([{ method: 'invoice', amountOre: priced.totalOre }]);
        },
        async printDeliveryNote() {
          const sale = get().completed;
          if (!sale || get().printing) return null;
          set({ printing: true, printError: null });
          const result = await call(transport, 'delivery-notes/print', { saleId: sale.id });
          set(result.ok ? { printing: false, printed: result.data } : { printing: false, printError: result.error });
          return result.ok ? null : result.error;
        },
        dismissPrintError() {
          set({ printError: null });
        },
        done() {
          set({ completed: null, printed: null, printError: null, method: null, error: null });
        },
      }),
      {
        name: PAYMENT_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(() => storage ?? localStorage),
        // The invoice details typed so far survive a reload with the cart they belong to.
        partialize: (s) => ({ method: s.method, invoice: s.invoice }),
      },
    ),
  );
}
export type PaymentStore = ReturnType<typeof createPaymentStore>;
