/** How the exporter paces itself; every value has an env setting or a test override. */
export interface ExportTimings {
  /** How long a claimed batch belongs to one worker; stretched to cover a whole send. */
  leaseMs: number;
  /** At most this many vouchers go in one GL07 order (NOTA_EXPORT_BATCH_SIZE). */
  batchSize: number;
  /** A batch smaller than batchSize leaves once its oldest invoice has waited this long (NOTA_EXPORT_BATCH_WAIT_MS). */
  batchWaitMs: number;
  /**
   * What a GL07 order is expected to cost on Agresso's process server, start plus per voucher
   * (NOTA_EXPORT_GL07_START_MS, NOTA_EXPORT_GL07_PER_VOUCHER_MS): after a lost answer Agresso is
   * asked once the order can have run.
   */
  gl07StartMs: number;
  gl07PerVoucherMs: number;
  /**
   * After an unanswered send, how long Agresso may have no trace of the batch before it is sent
   * again: longer than its process server can take to reach the order. Never less than twice the
   * connection's timeout.
   */
  uncertainMs: number;
  /** After a send, the first confirmation query waits this long, then asks every confirmPollMs. */
  confirmDelayMs: number;
  confirmPollMs: number;
  /** A sent batch whose vouchers are neither posted nor in batch input after this long needs a person. */
  confirmTimeoutMs: number;
  /** While Agresso creates customers a batch needs, it looks this often ... */
  customerPollMs: number;
  /**
   * ... for at most this long before the batch goes without those customers' vouchers (they wait for
   * the next one). Also how long a smaller batch at most waits to fill while invoices still arrive or
   * wait for their customers in the customer stage, counted from its oldest invoice's arrival or our
   * last order's end, whichever is later.
   */
  customerHoldMs: number;
  /** How long Agresso may take to create a customer before a person is asked to look. */
  customerTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export const DEFAULT_TIMINGS: ExportTimings = {
  leaseMs: 120_000,
  batchSize: 500,
  batchWaitMs: 1_000,
  gl07StartMs: 3_000,
  gl07PerVoucherMs: 10,
  uncertainMs: 10 * 60_000,
  confirmDelayMs: 1_000,
  confirmPollMs: 1_000,
  confirmTimeoutMs: 30 * 60_000,
  customerPollMs: 1_000,
  customerHoldMs: 60_000,
  customerTimeoutMs: 30 * 60_000,
  retryBaseMs: 2_000,
  retryMaxMs: 5 * 60_000,
};
