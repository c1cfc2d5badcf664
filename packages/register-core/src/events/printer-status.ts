import type { ApiError, PrinterStatus, Result } from '@nota/protocol';

/** Printer faults that say the printer cannot print now, by the state the cashier sees. */
const FAULT_STATES: Record<string, PrinterStatus['state']> = {
  PRINTER_PAPER_OUT: 'paper-out',
  PRINTER_OFFLINE: 'offline',
  PRINTER_UNREACHABLE: 'offline',
  PRINTER_TIMEOUT: 'offline',
  PRINTER_CONNECTION_LOST: 'offline',
  PRINTER_URL_INVALID: 'error',
  PRINTER_NOT_CONFIGURED: 'not-configured',
};

/** Before anything was printed: all the register knows is whether a printer is set up. */
export function configuredPrinterStatus(printerUrl: string | null): PrinterStatus {
  return { state: printerUrl ? 'unknown' : 'not-configured', message: null, checkedAt: null };
}

export function printingStatus(previous: PrinterStatus): PrinterStatus {
  return { ...previous, state: 'printing' };
}

/**
 * The printer's state after a print attempt, from its outcome alone. An error that is not about the
 * printer (a sale that has no delivery note, a cashier not signed in) says nothing new about it.
 */
export function printerStatusAfter(result: Result<unknown>, before: PrinterStatus, now: Date): PrinterStatus {
  const checkedAt = now.toISOString();
  if (result.ok) return { state: 'ready', message: null, checkedAt };
  const state = faultState(result.error);
  return state ? { state, message: result.error.message, checkedAt } : before;
}

function faultState(error: ApiError): PrinterStatus['state'] | null {
  return FAULT_STATES[error.code] ?? null;
}
