export type ErrorCode =
  | 'INVALID'
  | 'REQUIRED'
  | 'INVALID_ORG_NUMBER'
  | 'INVALID_POSTAL_CODE'
  | 'INVALID_EMAIL'
  | 'INVALID_PHONE'
  | 'NO_VAT_RATE'
  | 'QUANTITY_NOT_POSITIVE'
  | 'INVALID_DISCOUNT'
  | 'PAYMENT_SHORT'
  | 'PAYMENT_OVER'
  | 'INVALID_AMOUNT'
  | 'INVALID_REFERENCE';

export interface FieldError {
  field: string;
  code: ErrorCode | string;
  message: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly details: FieldError[];

  constructor(code: string, message: string, field?: string, details?: FieldError[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.details = details ?? [];
  }
}
