import type { ApiError } from '@nota/protocol';

/**
 * A refusal the cashier or the calling code can act on. Handlers throw it; the handler map turns it
 * into the protocol's error shape. Anything else that escapes is a bug and is reported as INTERNAL.
 */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.details?.length ? { details: this.details } : {}),
    };
  }
}
