import type { ApiError, HandlerName, RegisterTransport, RequestOf, ResponseOf, Result } from '@nota/protocol';

/**
 * One call through the transport. The contract says `send` never throws, but a broken bridge or a
 * closed socket must still end in an answer the screen can show, never an unhandled rejection.
 */
export async function call<K extends HandlerName>(transport: RegisterTransport, name: K, args: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  try {
    return await transport.send(name, args);
  } catch (err) {
    return { ok: false, error: { code: 'TRANSPORT', message: `${name}: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

export type { ApiError };

/** A fresh UUID where the record is born (a sale, a customer), so retries are idempotent. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a kiosk on plain http still has getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
