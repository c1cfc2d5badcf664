import net from 'node:net';
import { renderDeliveryNote, type DeliveryNote } from './delivery-note';

export type PrinterErrorCode =
  | 'PRINTER_URL_INVALID'
  | 'PRINTER_UNREACHABLE'
  | 'PRINTER_TIMEOUT'
  /** Connected, but no answer to DLE EOT: off, hung, or a printer that never answers status. */
  | 'PRINTER_NO_STATUS'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_CONNECTION_LOST';

/** A printing failure with a message meant to be shown to the cashier as is. */
export class PrinterError extends Error {
  readonly code: PrinterErrorCode;

  constructor(code: PrinterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterError';
    this.code = code;
  }
}

export interface SendOptions {
  /** Bound on the whole operation: connect, status check, sending and closing. Default 3000. */
  timeoutMs?: number;
  /**
   * Ask for paper and online status before sending (default). Off for printers that never answer
   * status requests: the note is then sent blind, and an empty printer may swallow it.
   */
  checkStatus?: boolean;
}

export interface PrinterAddress {
  host: string;
  port: number;
}

const DEFAULT_PORT = 9100;
const DEFAULT_TIMEOUT_MS = 3000;
// DLE EOT 1 (printer status) then DLE EOT 4 (roll paper sensor). These are real-time commands:
// the printer answers them even when it is offline, before any print data is accepted.
const STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]);

/** Parses 'tcp://host[:port]'; IPv6 hosts go in brackets. Throws PRINTER_URL_INVALID. */
export function parsePrinterUrl(url: string): PrinterAddress {
  const invalid = (): PrinterError =>
    new PrinterError(
      'PRINTER_URL_INVALID',
      `The printer address "${url}" is not valid. Use the form tcp://address:port, for example tcp://10.0.0.5:9100.`,
    );
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw invalid();
  }
  if (parsed.protocol !== 'tcp:' || parsed.username !== '' || parsed.password !== '' || parsed.search !== '' || parsed.hash !== '') throw invalid();
  if (parsed.pathname !== '' && parsed.pathname !== '/') throw invalid();
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw invalid();
  const port = parsed.port === '' ? DEFAULT_PORT : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid();
  return { host, port };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

type Phase = 'connecting' | 'status' | 'sending' | 'closing';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTDOWN']);

/**
 * Sends ESC/POS bytes to a network printer (raw TCP, "port 9100"), after checking that it is
 * online and has paper, so an empty printer never silently swallows a note.
 *
 * Deliberately not node-thermal-printer's execute(): its network interface (lib/interfaces/
 * network.js) only has the socket idle timeout (any trickle of bytes keeps it alive, so there is
 * no bound on the whole job), never asks for paper status, rejects with raw Node errors, and calls
 * destroy() right after the write callback instead of end(), which can turn into a TCP reset that
 * discards data still queued in the kernel.
 */
export async function sendToPrinter(url: string, bytes: Buffer, opts: SendOptions = {}): Promise<void> {
  const { host, port } = parsePrinterUrl(url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;

  const socket = new net.Socket();
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let phase: Phase = 'connecting';
      const status: number[] = [];

      const fail = (code: PrinterErrorCode, message: string, cause?: unknown): void => {
        reject(new PrinterError(code, message, cause === undefined ? undefined : { cause }));
      };
      const lost = (cause?: unknown): void =>
        fail('PRINTER_CONNECTION_LOST', `The connection to the printer at ${where} was lost before the note was printed completely. Check the printer and print the note again.`, cause);

      // The cashier is told how far it got, since each stage has a different remedy.
      const unconfirmed: [PrinterErrorCode, string] = [
        'PRINTER_TIMEOUT',
        `The printer at ${where} took the note but did not confirm it within ${seconds(timeoutMs)}. Check whether it printed before printing it again.`,
      ];
      const timeoutMessage: Record<Phase, [PrinterErrorCode, string]> = {
        connecting: ['PRINTER_TIMEOUT', `The printer at ${where} did not accept a connection within ${seconds(timeoutMs)}. Check that it is switched on and connected.`],
        status: [
          'PRINTER_NO_STATUS',
          `The printer at ${where} accepted the connection but did not answer the status request within ${seconds(timeoutMs)}. ` +
            `If it never answers status requests, turn off "Check printer status" in the register's settings.`,
        ],
        sending: unconfirmed,
        closing: unconfirmed,
      };
      timer = setTimeout(() => fail(...timeoutMessage[phase]), timeoutMs);

      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ETIMEDOUT') {
          fail(...timeoutMessage[phase], err);
        } else if (phase === 'connecting' || (err.code !== undefined && UNREACHABLE_CODES.has(err.code))) {
          fail('PRINTER_UNREACHABLE', `Could not reach the printer at ${where}. Check that it is switched on, connected to the network and that the address is right.`, err);
        } else {
          lost(err);
        }
      });

      socket.on('close', () => {
        // Only an orderly close after our own end() means the printer took the whole job.
        if (phase === 'closing') resolve();
        else lost();
      });

      socket.on('data', (chunk: Buffer) => {
        if (phase !== 'status') return;
        // Printers with automatic status back enabled may push 4-byte status blocks at any time;
        // answers to DLE EOT are told apart by their fixed bits (1 and 4 set, 0 and 7 clear).
        for (const byte of chunk) if ((byte & 0x93) === 0x12) status.push(byte);
        if (status.length < 2) return;
        const [printerStatus = 0, paperStatus = 0] = status;
        if ((paperStatus & 0x60) !== 0) {
          fail('PRINTER_PAPER_OUT', `The printer at ${where} is out of paper. Put in a new roll and print the note again.`);
          return;
        }
        if ((printerStatus & 0x08) !== 0) {
          fail('PRINTER_OFFLINE', `The printer at ${where} is not ready. Check that its cover is closed and no error light is on, then print the note again.`);
          return;
        }
        send();
      });

      const send = (): void => {
        phase = 'sending';
        socket.write(bytes, (err) => {
          if (err) return lost(err);
          phase = 'closing';
          socket.end();
        });
      };

      socket.connect({ host, port }, () => {
        if (opts.checkStatus === false) return send();
        phase = 'status';
        socket.write(STATUS_REQUEST);
      });
    });
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

/** Renders a delivery note and sends it to the printer at `url`. */
export async function printDeliveryNote(url: string, note: DeliveryNote, opts: SendOptions = {}): Promise<void> {
  // Validate the address first so a typo is reported as such, not as a rendering problem.
  parsePrinterUrl(url);
  await sendToPrinter(url, renderDeliveryNote(note), opts);
}
