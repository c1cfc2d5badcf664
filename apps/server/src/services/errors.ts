import type { FieldError } from '@nota/domain';
import type { ApiError } from '@nota/protocol';

/** A 4xx answer with our ApiError shape; the error handler sends it as is. */
export class HttpError extends Error {
  /** Sent with the answer, e.g. Retry-After on a lock-out. */
  headers?: Record<string, string>;
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * A 400 for input that breaks a domain rule, naming each field where it sits in the request
 * (`body.customer.orgNumber`), as schema errors do.
 */
export function refusal(code: string, errors: readonly FieldError[], at: string): HttpError {
  const details = errors.map((e) => ({ field: `${at}.${e.field}`, code: e.code, message: e.message }));
  return new HttpError(400, code, errors.map((e) => e.message).join('; '), details[0]?.field, details);
}

/** A business rejection of one pushed event: stored with its reason, later events go on. */
export class Rejection extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

/** Postgres unique violation (23505), whether or not drizzle wrapped the driver's error. */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return typeof e.constraint === 'string' ? e.constraint : '';
  }
  return null;
}

/**
 * The SQLSTATE of a Postgres error, whether or not drizzle wrapped it. Classes 22 (data exception)
 * and 23 (integrity violation) are about one event's content; anything else (connection, deadlock,
 * serialization) is about the moment and must fail the batch so the register retries it.
 */
export function sqlState(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}
