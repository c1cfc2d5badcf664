import type { ApiError, ReceiptPrinted, ReceiptPrintState, RegisterTransport, TrainingStatus } from '@nota/protocol';
import { createStore } from 'zustand/vanilla';
import { call } from './call';

export interface ReceiptState {
  /** The sale whose receipt the completed-sale screen is printing or has printed. */
  saleId: string | null;
  printing: boolean;
  printed: ReceiptPrinted | null;
  error: ApiError | null;
  /** Training mode as the core last said; null until it has. */
  training: TrainingStatus | null;
  /** Prints a completed sale's receipt once: a second call for the same sale is a no-op unless the first failed. */
  printOriginal(saleId: string): Promise<void>;
  dismissError(): void;
  /** The receipt state of each sale (original and copy printed or not), for today's sales. */
  states(saleIds: string[]): Promise<ReceiptPrintState[] | ApiError>;
  /** Prints a sale's original (if it never printed) or its one copy; answers the refusal or the print. */
  print(saleId: string, kind: 'original' | 'copy'): Promise<ReceiptPrinted | ApiError>;
  loadTraining(): Promise<void>;
  setTraining(on: boolean): Promise<ApiError | null>;
  openDrawer(reason: string): Promise<ApiError | null>;
}

const isError = (x: unknown): x is ApiError => typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
export { isError as isReceiptError };

export function createReceiptStore(transport: RegisterTransport) {
  return createStore<ReceiptState>()((set, get) => ({
    saleId: null,
    printing: false,
    printed: null,
    error: null,
    training: null,
    async printOriginal(saleId) {
      const s = get();
      if (s.saleId === saleId && (s.printing || s.printed)) return;
      set({ saleId, printing: true, printed: null, error: null });
      const result = await call(transport, 'receipts/print', { saleId });
      if (get().saleId !== saleId) return;
      set(result.ok ? { printing: false, printed: result.data } : { printing: false, error: result.error });
    },
    dismissError() {
      set({ error: null });
    },
    async states(saleIds) {
      const result = await call(transport, 'receipts/state', { saleIds });
      return result.ok ? result.data.receipts : result.error;
    },
    async print(saleId, kind) {
      const result = await call(transport, kind === 'copy' ? 'receipts/copy' : 'receipts/print', { saleId });
      return result.ok ? result.data : result.error;
    },
    async loadTraining() {
      const result = await call(transport, 'training/status', {});
      if (result.ok) set({ training: result.data });
    },
    async setTraining(on) {
      const result = await call(transport, 'training/set', { on });
      if (!result.ok) return result.error;
      set({ training: result.data });
      return null;
    },
    async openDrawer(reason) {
      const result = await call(transport, 'drawer/open', { reason });
      return result.ok ? null : result.error;
    },
  }));
}
export type ReceiptStore = ReturnType<typeof createReceiptStore>;
