import type { HandlerName, PrinterStatus, Result } from '@nota/protocol';
import type { CoreContext } from '../context';
import { enabledPaymentMethods } from '../sales/payment-methods';
import { readSettings } from '../settings/settings';
import type { SyncEngine } from '../sync/sync-engine';
import type { CoreEvents } from './emitter';
import { configuredPrinterStatus, printerStatusAfter, printingStatus } from './printer-status';

/**
 * Handlers that change nothing (the ones a cashier runs on every keystroke, and the ones every screen
 * runs when it opens), so they skip the outbox count and status push that every other handler is
 * followed by.
 */
const READ_ONLY = new Set<HandlerName>([
  'catalog/search',
  'catalog/barcode',
  'catalog/groups',
  'cart/price',
  'cart/scan',
  'customers/search',
  'customers/get',
  'customers/numbers',
  'session/users',
  'session/current',
  'settings/get',
  'sales/get',
  'sales/recent',
  'outbox/status',
  'outbox/rejected',
  'sync/set-aside',
  'payment-methods/enabled',
]);

const isPrinting = (name: HandlerName) => name.startsWith('delivery-notes/') || name.startsWith('printer/');

/** Turns what the core does into `sync/status`, `printer/status` and `payment-methods` pushes. */
export class StatusReporter {
  readonly #events: CoreEvents;
  readonly #ctx: CoreContext;
  readonly #sync: SyncEngine;
  #printer: PrinterStatus;
  /** The state before the print in flight, kept for an outcome that says nothing about the printer. */
  #beforePrint: PrinterStatus | null = null;
  #printerUrl: string | null;
  #closed = false;

  constructor(events: CoreEvents, ctx: CoreContext, sync: SyncEngine) {
    this.#events = events;
    this.#ctx = ctx;
    this.#sync = sync;
    this.#printerUrl = readSettings(ctx.db).printerUrl;
    this.#printer = configuredPrinterStatus(this.#printerUrl);
    this.#events.emit('printer/status', this.#printer);
    this.syncChanged();
    this.roundChanged();
  }

  /** After a sync round starts or ends, and after anything that may have added to the outbox. */
  syncChanged(): void {
    if (!this.#closed) this.#events.emit('sync/status', this.#sync.status());
  }

  /**
   * A sync round started or ended: its pull may have turned a payment method on or off, so the pay
   * buttons follow without a reload (an unchanged list is not pushed again).
   */
  roundChanged(): void {
    this.syncChanged();
    if (!this.#closed) this.#events.emit('payment-methods', { methods: enabledPaymentMethods(this.#ctx.db) });
  }

  beforeHandler(name: HandlerName): void {
    if (!isPrinting(name)) return;
    this.#beforePrint = this.#printer;
    this.#setPrinter(printingStatus(this.#printer));
  }

  afterHandler(name: HandlerName, result: Result<unknown>): void {
    if (isPrinting(name)) {
      this.#setPrinter(printerStatusAfter(result, this.#beforePrint ?? this.#printer, this.#ctx.now()));
      this.#beforePrint = null;
    } else if (name === 'settings/update' && result.ok) {
      const { printerUrl } = readSettings(this.#ctx.db);
      if (printerUrl !== this.#printerUrl) this.#setPrinter(configuredPrinterStatus(printerUrl));
      this.#printerUrl = printerUrl;
    }
    if (!READ_ONLY.has(name)) this.syncChanged();
  }

  /** The database is closing: a sync round that ends later has nothing left to report. */
  close(): void {
    this.#closed = true;
  }

  #setPrinter(status: PrinterStatus): void {
    this.#printer = status;
    this.#events.emit('printer/status', status);
  }
}
