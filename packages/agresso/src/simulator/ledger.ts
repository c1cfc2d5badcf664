import type { Cs15Customer } from '../cs15/cs15-types';
import type { RawGl07 } from '../gl07/gl07-read';
import type { CustomerBook } from './customer-book';
import { voucherErrors, voucherFacts, type PostingRules } from './gl07-posting';
import type { AcceptedCustomer, AcceptedImport } from './types';

export type ImportContent = { processId: 'GL07'; raw: RawGl07 } | { processId: 'CS15'; customers: Cs15Customer[] };

/** One row of the confirmation template: every GL07 voucher ever received. */
export type VoucherRow = Record<'batch_id' | 'order_id' | 'voucher_no' | 'apar_id' | 'ext_inv_ref' | 'status' | 'error_msg', string>;

/** What survives a restart of the simulator, as Business World's database would. */
export interface LedgerState {
  imports: AcceptedImport[];
  nextOrderNumber: number;
  nextVoucherNumber: number;
}

/** How Business World's process server runs orders: one at a time per process, each costing this long. */
export interface ProcessServerCosts {
  /** Per order: picking it up, starting the process, writing its log. */
  orderStartMs: number;
  /** Per voucher (GL07) or customer record (CS15) in the order. */
  perItemMs: number;
}

/** How busy a process's queue has been: what the benchmark reports as time in the process server. */
export interface ProcessStats {
  orders: number;
  items: number;
  busyMs: number;
  queued: number;
}

export interface Ledger {
  /** Queues a server process order and returns it; it runs when its process's queue reaches it. */
  receive(input: { variant: number; document: string; content: ImportContent }): AcceptedImport;
  accepted(): AcceptedImport[];
  /** The confirmation template's rows, all of them or one batch's (looked up by batch id, as Agresso's index would). */
  voucherRows(batchId?: string): VoucherRow[];
  settle(): Promise<void>;
  close(): void;
  state(): LedgerState;
  processStats(): Record<'GL07' | 'CS15', ProcessStats>;
  /**
   * Wall-clock time during which the process server ran at least one job, of any process: GL07 and
   * CS15 jobs that overlap count once. What a client cannot go below however it batches its work.
   */
  busyMs(): number;
}

// Number series as a fresh Business World client might have them; only their monotony matters.
const FIRST_ORDER_NUMBER = 100_001;
const FIRST_VOUCHER_NUMBER = 60_000_001;

/**
 * The server side of imports: order numbers, the queue of server processes, GL07 posting and CS15
 * customer maintenance. It never deduplicates: the same document sent twice is two orders and, if
 * valid, two postings, exactly as in Agresso.
 */
export function createLedger(options: {
  client: string;
  taxCodes: readonly string[];
  costs: ProcessServerCosts;
  customers: CustomerBook;
  /** A saved state to go on from; its queued orders run again after the delay. */
  restored?: { state: LedgerState; contentOf: (order: AcceptedImport) => ImportContent };
  onChange?: () => void;
}): Ledger {
  const imports: AcceptedImport[] = options.restored ? structuredClone(options.restored.state.imports) : [];
  // The GL07 orders that carried each batch id, in the order received: what a template asked for one batch reads.
  const byBatch = new Map<string, AcceptedImport[]>();
  const index = (order: AcceptedImport) => {
    for (const id of new Set(order.vouchers.map((v) => v.batchId))) byBatch.set(id, [...(byBatch.get(id) ?? []), order]);
  };
  imports.forEach(index);
  // A queue per server process, as Business World's process server keeps them: one job at a time.
  const queues = { GL07: processQueue(), CS15: processQueue() };
  let waiters: (() => void)[] = [];
  // Jobs running now, of any process, and since when at least one has been (for busyMs).
  let running = 0;
  let busySince = 0;
  let busyMs = 0;
  let nextOrderNumber = options.restored?.state.nextOrderNumber ?? FIRST_ORDER_NUMBER;
  let nextVoucherNumber = options.restored?.state.nextVoucherNumber ?? FIRST_VOUCHER_NUMBER;
  const changed = () => options.onChange?.();
  const rules: PostingRules = {
    client: options.client,
    taxCodes: new Set(options.taxCodes),
    customerExists: (company, id) => options.customers.get(company, id) !== undefined,
  };

  // Orders that were queued when the simulator stopped run now, as a restarted server would run them.
  for (const order of imports) if (order.status === 'queued' && options.restored) enqueue(order, options.restored.contentOf(order));

  function runGl07(order: AcceptedImport, raw: RawGl07): void {
    raw.vouchers.forEach((voucher, i) => {
      const record = order.vouchers[i]!;
      const errors = voucherErrors(voucher, `${voucher.voucherNo ?? `#${i + 1}`} in batch ${record.batchId}`, rules);
      if (errors.length === 0) {
        record.status = 'posted';
        record.voucherNo = nextVoucherNumber++;
      } else {
        record.status = 'failed';
        record.errors = errors;
      }
    });
  }

  function runCs15(order: AcceptedImport, customers: Cs15Customer[]): void {
    customers.forEach((c, i) => {
      const record = order.customers[i]!;
      const errors = customerErrors(c);
      if (errors.length > 0) {
        record.status = 'failed';
        record.errors = errors;
        return;
      }
      options.customers.put({ customerId: c.apArNo, name: c.name, externalReference: c.externalRef || null, companyCode: c.companyCode });
      record.status = c.update ? 'updated' : 'created';
    });
  }

  function customerErrors(c: Cs15Customer): string[] {
    if (c.companyCode !== options.client) return [`Company ${c.companyCode} does not exist in client ${options.client}`];
    if (!c.apArNo) return ['ApArNo is missing'];
    const exists = options.customers.get(c.companyCode, c.apArNo) !== undefined;
    if (!c.update && exists) return [`Customer ${c.apArNo} already exists in company ${c.companyCode}`];
    if (c.update && !exists) return [`Customer ${c.apArNo} does not exist in company ${c.companyCode}`];
    if (!c.name.trim()) return [`Customer ${c.apArNo} has no name`];
    return [];
  }

  return {
    receive({ variant, document, content }) {
      const order: AcceptedImport = {
        orderNumber: nextOrderNumber++,
        processId: content.processId,
        variant,
        receivedAt: new Date().toISOString(),
        status: 'queued',
        startedAt: null,
        processedAt: null,
        document,
        vouchers:
          content.processId === 'GL07'
            ? content.raw.vouchers.map((v) => ({ batchId: content.raw.batchId ?? '', voucherNo: null, ...voucherFacts(v), status: 'queued', errors: [] }))
            : [],
        customers:
          content.processId === 'CS15'
            ? content.customers.map((c): AcceptedCustomer => ({ apArNo: c.apArNo, externalRef: c.externalRef, status: 'queued', errors: [] }))
            : [],
      };
      imports.push(order);
      index(order);
      enqueue(order, content);
      changed();
      return structuredClone(order);
    },

    state() {
      return { imports: structuredClone(imports), nextOrderNumber, nextVoucherNumber };
    },

    accepted() {
      return structuredClone(imports);
    },

    voucherRows(batchId) {
      // GL07 writes batch input when it runs: a queued order's vouchers are not in any table yet.
      const orders = batchId === undefined ? imports : (byBatch.get(batchId) ?? []);
      return orders.flatMap((order) =>
        order.vouchers.filter((v) => v.status !== 'queued' && (batchId === undefined || v.batchId === batchId)).map((v) => ({
          batch_id: v.batchId,
          order_id: String(order.orderNumber),
          voucher_no: v.voucherNo === null ? '' : String(v.voucherNo),
          apar_id: v.apArNo ?? '',
          ext_inv_ref: v.invoiceNo ?? '',
          // P is posted, E failed and stays in batch input for someone to fix.
          status: v.status === 'posted' ? 'P' : 'E',
          error_msg: v.errors.join('; '),
        })),
      );
    },

    settle() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },

    close() {
      for (const q of Object.values(queues)) {
        if (q.timer) {
          clearTimeout(q.timer);
          if (--running === 0) busyMs += Date.now() - busySince;
        }
        q.timer = null;
        q.waiting = [];
      }
      wakeIfSettled();
    },

    busyMs() {
      return busyMs + (running > 0 ? Date.now() - busySince : 0);
    },

    processStats() {
      const stats = (q: ProcessQueue): ProcessStats => ({ orders: q.orders, items: q.items, busyMs: q.busyMs, queued: q.waiting.length + (q.timer ? 1 : 0) });
      return { GL07: stats(queues.GL07), CS15: stats(queues.CS15) };
    },
  };

  function enqueue(order: AcceptedImport, content: ImportContent): void {
    queues[content.processId].waiting.push({ order, content });
    pump(queues[content.processId]);
  }

  /** Starts the next job of a process when none is running: it takes its start cost plus its items' cost. */
  function pump(q: ProcessQueue): void {
    if (q.timer) return;
    const next = q.waiting.shift();
    if (!next) return wakeIfSettled();
    const { order, content } = next;
    const items = content.processId === 'GL07' ? content.raw.vouchers.length : content.customers.length;
    const costMs = options.costs.orderStartMs + options.costs.perItemMs * items;
    const started = Date.now();
    order.startedAt = new Date(started).toISOString();
    if (running++ === 0) busySince = started;
    q.timer = setTimeout(() => {
      q.timer = null;
      // One clock reading for both figures, so a process's busy time never exceeds the server's.
      const ended = Date.now();
      if (--running === 0) busyMs += ended - busySince;
      if (content.processId === 'GL07') runGl07(order, content.raw);
      else runCs15(order, content.customers);
      order.status = 'processed';
      order.processedAt = new Date().toISOString();
      q.orders += 1;
      q.items += items;
      q.busyMs += ended - started;
      changed();
      pump(q);
    }, costMs);
  }

  function idle(): boolean {
    return Object.values(queues).every((q) => !q.timer && q.waiting.length === 0);
  }

  function wakeIfSettled(): void {
    if (!idle()) return;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  }
}

interface ProcessQueue {
  waiting: { order: AcceptedImport; content: ImportContent }[];
  timer: ReturnType<typeof setTimeout> | null;
  orders: number;
  items: number;
  busyMs: number;
}

function processQueue(): ProcessQueue {
  return { waiting: [], timer: null, orders: 0, items: 0, busyMs: 0 };
}
