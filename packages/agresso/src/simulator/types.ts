export interface SimulatorCustomer {
  customerId: string;
  name: string;
  externalReference?: string | null;
  /** Defaults to the simulator's client. */
  companyCode?: string;
}

export interface SimulatorOptions {
  /** 0 = random free port; default 0. */
  port?: number;
  /** The only accepted credentials; `client` is also the company code. */
  username: string;
  client: string;
  password: string;
  /** Folder with ABWTransaction.local.xsd; default <repo>/../shared/reference/agresso when that exists, else null (built-in checks). */
  xsdDir?: string | null;
  /**
   * Business World's process server runs the orders of each server process (GL07, CS15) one at a
   * time, in the order received. Each order costs this much to start (default 3 000 ms) ...
   */
  processingDelayMs?: number;
  /** ... plus this much per voucher (GL07) or customer (CS15) in it (default 10 ms). */
  perVoucherMs?: number;
  /** Valid tax codes; default ['0', '1', '2', '3'] (1 = 25 %, 2 = 12 %, 3 = 6 %, 0 = 0 %). */
  taxCodes?: string[];
  /** The browser template that lists GL07 vouchers; default 9001. */
  confirmationTemplateId?: number;
  /** Customers that already exist ("internal" customers). */
  customers?: SimulatorCustomer[];
  /**
   * A JSON file that keeps customers and imports across restarts, as Business World's database does;
   * without it everything lives in memory.
   */
  stateFile?: string;
}

export type SimulatorService = 'ImportService' | 'CustomerService' | 'QueryEngineService';

export type SimulatorFault = {
  service: SimulatorService | 'any';
  kind: 'soap-fault' | 'http-500' | 'slow' | 'timeout-after-queue' | 'reset';
  /** How many matching requests it hits; default 1. */
  times?: number;
  /** slow: wait before acting (default 5 000); timeout-after-queue: how long to hold the socket before destroying it (default 120 000). */
  delayMs?: number;
  faultString?: string;
};

export interface AcceptedVoucher {
  batchId: string;
  /** The voucher number GL07 gave it; null until posted. */
  voucherNo: number | null;
  /** The AR row's InvoiceNo and ApArNo. */
  invoiceNo: string | null;
  apArNo: string | null;
  externalRefs: string[];
  /** The voucher's gross: the sum of its positive amounts (the receivable of an invoice). */
  amountOre: number;
  status: 'queued' | 'posted' | 'failed';
  errors: string[];
}

export interface AcceptedCustomer {
  apArNo: string;
  externalRef: string;
  status: 'queued' | 'created' | 'updated' | 'failed';
  errors: string[];
}

export interface AcceptedImport {
  orderNumber: number;
  processId: 'GL07' | 'CS15';
  variant: number;
  receivedAt: string;
  status: 'queued' | 'processed';
  /** When the process server started and finished the job (null until then). */
  startedAt: string | null;
  processedAt: string | null;
  /** The XML exactly as received. */
  document: string;
  /** GL07 only. */
  vouchers: AcceptedVoucher[];
  /** CS15 only. */
  customers: AcceptedCustomer[];
}

export interface AgressoSimulator {
  /** `http://127.0.0.1:PORT/BusinessWorld-webservices/service.svc`, the baseUrl for the client. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  accepted(): AcceptedImport[];
  addCustomers(list: SimulatorOptions['customers']): void;
  /** Takes a customer out of Agresso's customer master (as a person in Agresso might); true if it was there. */
  removeCustomer(customerId: string, companyCode?: string): boolean;
  /** Orders run, vouchers or customers in them, and time spent, per server process. */
  processStats(): Record<'GL07' | 'CS15', { orders: number; items: number; busyMs: number; queued: number }>;
  /** Wall-clock time the process server ran at least one job (GL07 and CS15 jobs that overlap count once). */
  processServerBusyMs(): number;
  injectFault(fault: SimulatorFault): void;
  clearFaults(): void;
  /** Resolves when every queued process has run. */
  settle(): Promise<void>;
  close(): Promise<void>;
}
