import { z } from 'zod';
import type { Result } from './errors';
import { IsoDateTime } from './common';
import { EnabledPaymentMethods, SyncStatus, type HandlerName, type RequestOf, type ResponseOf } from './register-api';

/**
 * What the register core pushes to its UI without being asked. Stores subscribe with `listen`
 * instead of polling. Each payload is the whole current state, so a listener that missed one
 * update is right again at the next.
 */
export const PrinterStatus = z.object({
  state: z.enum(['not-configured', 'unknown', 'ready', 'printing', 'offline', 'paper-out', 'error']),
  /** Plain English for logs; the UI shows its own text for `state`. */
  message: z.string().nullable(),
  checkedAt: IsoDateTime.nullable(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const registerEvents = {
  /** Sync state with the outbox counts (pending, rejected), after every change. */
  'sync/status': SyncStatus,
  'printer/status': PrinterStatus,
  /** The ways to pay, after a sync round changed them (head office turned one on or off). */
  'payment-methods': EnabledPaymentMethods,
} as const satisfies Record<string, z.ZodType>;

export type RegisterEvents = typeof registerEvents;
export type RegisterEventName = keyof RegisterEvents;
export type EventOf<E extends RegisterEventName> = z.output<RegisterEvents[E]>;

/**
 * The one contract between the register's renderer and its core, whatever carries it: Electron's
 * preload (IPC to a utility process) or the browser shell (HTTP and a WebSocket on loopback).
 * The renderer is written against this type alone and cannot tell the carriers apart.
 */
export interface RegisterTransport {
  /** Runs one handler of the map; never throws: transport failures answer `{ ok: false }` too. */
  send<K extends HandlerName>(name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>>;
  /** Calls `callback` with every pushed state of `name`; returns the function that stops it. */
  listen<E extends RegisterEventName>(name: E, callback: (payload: EventOf<E>) => void): () => void;
}
