// The SAF-T file is written as text, element by element, so a year of sales streams out without a
// document tree in memory. This is the one place values become XML.

/**
 * What XML 1.0 cannot hold: C0 controls other than tab, LF and CR (NUL among them), U+FFFE/U+FFFF, and
 * surrogates that are not part of a pair. Such a character cannot be escaped either (`&#0;` is not
 * well-formed), so it is written as U+FFFD: the record stays in the file, visibly damaged, and the
 * file stays valid.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKUP = /[&<>]/g;
/** Anything the slow path below would change; most values (amounts, dates, ids) have none. */
const NEEDS_WORK = /[&<>\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A value as element text: characters XML cannot carry replaced, markup escaped, cut to `max` characters. */
export function xmlText(value: string, max?: number): string {
  if (!NEEDS_WORK.test(value) && (max === undefined || value.length <= max)) return value;
  let text = value.replace(NOT_XML, '\uFFFD');
  // The schema counts characters (code points), not UTF-16 units; only a long value needs the count.
  if (max !== undefined && text.length > max) {
    const chars = Array.from(text);
    if (chars.length > max) text = chars.slice(0, max).join('');
  }
  // A CR would be read back as LF; written as a reference it survives.
  return text.replace(MARKUP, (c) => ENTITY[c]!).replace(/\r/g, '&#13;');
}

/** `<name>text</name>`; the name is ours (never data), the text is escaped. */
export function el(name: string, value: string | number, max?: number): string {
  return `<${name}>${typeof value === 'number' ? String(value) : xmlText(value, max)}</${name}>`;
}

/** The element only when there is a value. */
export function optEl(name: string, value: string | number | null | undefined, max?: number): string {
  return value === null || value === undefined || value === '' ? '' : el(name, value, max);
}

/** The schema's identifiers hold 35 characters; a longer id of ours cannot be one. */
export const fitsId = (id: string): boolean => id.length > 0 && id.length <= 35;
