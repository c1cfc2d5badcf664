/** Empty text boxes are "not set" on the wire: '' (or spaces) becomes null, at any depth. */
export function blankToNull(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (Array.isArray(value)) return value.map(blankToNull);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blankToNull(v)]));
  return value;
}

/** The reverse for a form's inputs: null shows as an empty box. */
export function nullToBlank<T>(value: T): T {
  if (value === null) return '' as T;
  if (Array.isArray(value)) return value.map(nullToBlank) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullToBlank(v)])) as T;
  return value;
}

/** `vatRates[0].salesAccount` (the server's and the domain's) → `vatRates.0.salesAccount` (react-hook-form's). */
export const formPath = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');
