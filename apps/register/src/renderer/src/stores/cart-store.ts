import { addToCart } from '@nota/domain';
import type { ApiError, Product, RegisterTransport, RequestOf, ResponseOf } from '@nota/protocol';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { call, newId } from './call';

export type Discount = NonNullable<RequestOf<'cart/price'>['lines'][number]['discount']>;
export type CartPrice = ResponseOf<'cart/price'>;

export interface CartLine {
  /** Stable key for the screen and for edits; not sent to the core. */
  key: string;
  productId: string;
  name: string;
  unitPriceOre: number;
  quantity: number;
  discount: Discount | null;
}

export interface CartState {
  /** The sale's id, born with the cart: completing twice with it never sells twice. */
  saleId: string;
  lines: CartLine[];
  /** The core's pricing of `lines` as they were at `pricedVersion`. */
  priced: CartPrice | null;
  version: number;
  pricedVersion: number;
  error: ApiError | null;
  add(product: Pick<Product, 'id' | 'name' | 'priceOre'>, quantity?: number): void;
  /** A scanned or typed barcode; answers the refusal (unknown barcode) or null. */
  scan(barcode: string): Promise<ApiError | null>;
  setQuantity(key: string, quantity: number): void;
  setDiscount(key: string, discount: Discount | null): void;
  remove(key: string): void;
  /** Empties the cart and starts a new sale id (after a completed sale, or on purpose). */
  newSale(): void;
  /** Asks the core for prices, VAT and totals; an answer for an older cart is ignored. */
  reprice(): Promise<void>;
  /** True once the totals on screen are the core's for exactly the current lines. */
  isPriced(): boolean;
}

/** Where the open cart is kept so a reload, a crash or a restart finds it: localStorage by default. */
export const CART_STORAGE_KEY = 'nota.register.cart';

const toInput = (l: CartLine) => ({ productId: l.productId, quantity: l.quantity, discount: l.discount });

export function createCartStore(transport: RegisterTransport, storage?: StateStorage) {
  const store = createStore<CartState>()(
    persist(
      (set, get) => {
        const changed = (lines: CartLine[]) => {
          set({ lines, version: get().version + 1 });
          void get().reprice();
        };
        const withProduct = (lines: CartLine[], product: Pick<Product, 'id' | 'name' | 'priceOre'>, quantity: number) =>
          addToCart(lines, product.id, quantity, () => ({
            key: newId(),
            productId: product.id,
            name: product.name,
            unitPriceOre: product.priceOre,
            quantity,
            discount: null,
          }));
        return {
          saleId: newId(),
          lines: [],
          priced: null,
          version: 0,
          pricedVersion: -1,
          error: null,
          add(product, quantity = 1) {
            changed(withProduct(get().lines, product, quantity));
          },
          async scan(barcode) {
            // One call finds the product and prices the cart with it, so line and total appear together.
            const { lines, version } = get();
            const result = await call(transport, 'cart/scan', { barcode: barcode.trim(), lines: lines.map(toInput) });
            if (!result.ok) return result.error;
            const { product, price } = result.data;
            if (price && get().version === version) {
              set({ lines: withProduct(lines, product, 1), version: version + 1, priced: price, pricedVersion: version + 1, error: null });
            } else {
              // The cart changed while the scan was answered, or cannot be priced: priced again as it is now.
              get().add(product);
            }
            return null;
          },
          setQuantity(key, quantity) {
            if (!Number.isSafeInteger(quantity) || quantity < 1) return;
            changed(get().lines.map((l) => (l.key === key ? { ...l, quantity } : l)));
          },
          setDiscount(key, discount) {
            changed(get().lines.map((l) => (l.key === key ? { ...l, discount } : l)));
          },
          remove(key) {
            changed(get().lines.filter((l) => l.key !== key));
          },
          newSale() {
            set({ saleId: newId(), lines: [], priced: null, version: get().version + 1, pricedVersion: get().version + 1, error: null });
          },
          async reprice() {
            const { lines, version } = get();
            if (lines.length === 0) {
              set({ priced: null, pricedVersion: version, error: null });
              return;
            }
            const result = await call(transport, 'cart/price', { lines: lines.map(toInput) });
            if (get().version !== version) return;
            if (result.ok) set({ priced: result.data, pricedVersion: version, error: null });
            else set({ error: result.error });
          },
          isPriced() {
            const { lines, priced, version, pricedVersion } = get();
            return pricedVersion === version && (lines.length === 0 || priced !== null);
          },
        };
      },
      {
        name: CART_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(() => storage ?? localStorage),
        // Only what the cashier did is kept; prices are asked again, they may have changed.
        partialize: (s) => ({ saleId: s.saleId, lines: s.lines }),
      },
    ),
  );
  // Whatever was restored is priced again at once.
  if (store.getState().lines.length > 0) void store.getState().reprice();
  return store;
}
export type CartStore = ReturnType<typeof createCartStore>;
