import type { ApiError } from '@nota/protocol';
import { errorText } from '@nota/web-kit';
import type { TFunction } from 'i18next';

/** The receipts' own refusals in the register's language; everything else as the shared texts word it. */
export function receiptErrorText(t: TFunction, error: Pick<ApiError, 'code' | 'message'>): string {
  const key = `receipts.error.${error.code}`;
  const text = t(key);
  return text === key ? errorText(t, error) : text;
}
