import type { ApiError, ReceiptPrintState, RegisterUser, Sale, TrainingStatus } from '@nota/protocol';
import type { FakeHandlers } from '../stores/fake-transport';

/**
 * The receipts' part of the fake core: which receipts printed, the one copy, training mode and the
 * drawer, with the core's refusals. `failNext` makes the next print fail as a printer out of paper.
 */
export function fakeReceipts(currentUser: () => RegisterUser | null, sales: Sale[]) {
  const prints = new Map<string, ReceiptPrintState>();
  let training: TrainingStatus = { on: false, since: null, by: null };
  const drawerReasons: string[] = [];
  let failures = 0;
  const refuse = (code: string, message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code, message } });
  const state = (saleId: string) => prints.get(saleId) ?? { saleId, originalPrintedAt: null, copyPrintedAt: null };
  const paperOut = () => {
    failures--;
    return refuse('PRINTER_PAPER_OUT', 'The printer at 127.0.0.1:9100 is out of paper. Put in a new roll and print the note again.');
  };

  const handlers: FakeHandlers = {
    'receipts/print': ({ saleId }) => {
      if (state(saleId).originalPrintedAt) return refuse('RECEIPT_ALREADY_PRINTED', 'Receipt has already printed. Print a copy instead.');
      if (failures > 0) return paperOut();
      const printedAt = new Date().toISOString();
      prints.set(saleId, { ...state(saleId), originalPrintedAt: printedAt });
      const sale = sales.find((s) => s.id === saleId);
      return { saleId, copy: false, printedAt, drawerOpened: Boolean(sale?.payments.some((p) => p.method === 'cash')) };
    },
    'receipts/copy': ({ saleId }) => {
      if (!state(saleId).originalPrintedAt) return refuse('RECEIPT_NOT_PRINTED', 'Print the receipt first.');
      if (state(saleId).copyPrintedAt) return refuse('RECEIPT_COPY_ALREADY_PRINTED', 'A receipt may be copied only once.');
      if (failures > 0) return paperOut();
      const printedAt = new Date().toISOString();
      prints.set(saleId, { ...state(saleId), copyPrintedAt: printedAt });
      return { saleId, copy: true, printedAt, drawerOpened: false };
    },
    'receipts/state': ({ saleIds }) => ({ receipts: saleIds.map(state) }),
    'receipts/unprinted': () => ({ sales: sales.filter((s) => !state(s.id).originalPrintedAt) }),
    'training/status': () => training,
    'training/set': ({ on }) => {
      const user = currentUser();
      if (user?.role !== 'manager') return refuse('FORBIDDEN', 'Only a manager may switch training mode.');
      training = { on, since: new Date().toISOString(), by: user.name };
      return training;
    },
    'drawer/open': ({ reason }) => {
      if (currentUser()?.role !== 'manager') return refuse('FORBIDDEN', 'Only a manager may open the cash drawer without a sale.');
      if (failures > 0) return paperOut();
      drawerReasons.push(reason);
      return { openedAt: new Date().toISOString() };
    },
  };
  return {
    handlers,
    prints,
    drawerReasons,
    /** The next n prints (or drawer openings) fail. */
    failNext: (n = 1) => void (failures = n),
    /** What the core does to a sale completed in training mode. */
    mark: (sale: Sale): Sale => (training.on ? { ...sale, training: true } : sale),
  };
}
