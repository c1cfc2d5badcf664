import { AgressoDocumentError } from '../document-error';

// Characters XML 1.0 cannot carry at all, plus tab, line breaks and DEL, which it can but no code or
// identifier should hold. With the u flag a surrogate pair is one code point, so the surrogate range
// only matches lone halves.
const FORBIDDEN = /[\u0000-\u001f\u007f\ud800-\udfff\ufffe\uffff]/u;
// What free text loses: what XML cannot carry, and DEL.
const STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff\ufffe\uffff]/gu;

/** Length as XSD counts it: characters (code points), not UTF-16 units. */
export function xmlLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** An identifier or code: written as is, or refused with the field's name when the schema would refuse it. */
export function checkedText(value: string, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw new AgressoDocumentError(`${field} must be text, got ${typeof value}`);
  if (FORBIDDEN.test(value)) {
    throw new AgressoDocumentError(`${field} contains a control character: ${JSON.stringify(value)}`);
  }
  if (xmlLength(value) > maxLength) {
    throw new AgressoDocumentError(`${field} is longer than ${maxLength} characters: "${value}"`);
  }
  return value;
}

/**
 * Human text (descriptions): never a reason to refuse a voucher. Line breaks and tabs become spaces,
 * because Agresso shows these fields on one line; characters XML cannot carry are dropped; the rest
 * is cut to the schema's length, counting characters the way the XSD does.
 */
export function freeText(value: string, maxLength: number): string {
  const clean = value.replace(/\r\n|[\r\n\t]/g, ' ').replace(STRIPPED, '');
  return xmlLength(clean) <= maxLength ? clean : Array.from(clean).slice(0, maxLength).join('');
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD from 1900 on (the schema's agrlib:date). */
export function checkedDate(value: string, field: string): string {
  const match = DATE.exec(value);
  const valid =
    match !== null &&
    Number(match[1]) >= 1900 &&
    // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().startsWith(value);
  if (!valid) throw new AgressoDocumentError(`${field} must be a date YYYY-MM-DD from 1900 on, got "${value}"`);
  return value;
}

/** A whole number within the schema's bounds, written without exponent or decimals. */
export function checkedInteger(value: number, field: string, min: number, max: number): string {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new AgressoDocumentError(`${field} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return String(value);
}
