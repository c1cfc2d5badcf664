export type Language = 'sv' | 'en';

/**
 * Formats an amount in öre as '1 234,50' (sv) or '1,234.50' (en).
 * Works on integers only so that no binary floating point ever touches money.
 */
export function formatAmount(ore: number, language: Language): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Amount must be an integer number of öre, got ${ore}`);
  const negative = ore < 0;
  const abs = Math.abs(ore);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  const groupSeparator = language === 'sv' ? ' ' : ',';
  const decimalSeparator = language === 'sv' ? ',' : '.';
  const digits = String(whole);
  let grouped = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += groupSeparator;
    grouped += digits[i];
  }
  return `${negative ? '-' : ''}${grouped}${decimalSeparator}${String(fraction).padStart(2, '0')}`;
}

/** Quantities can be fractional (e.g. metres); shown with the language's decimal mark, no trailing zeros. */
export function formatQuantity(quantity: number, language: Language): string {
  if (!Number.isFinite(quantity)) throw new RangeError(`Quantity must be finite, got ${quantity}`);
  // Rounding to 3 decimals hides representation noise such as 0.30000000000000004.
  const text = String(Math.round(quantity * 1000) / 1000);
  return language === 'sv' ? text.replace('.', ',') : text;
}

const stockholm = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:mm' in Swedish local time, whatever time zone the register machine runs in. */
export function formatStockholmDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid timestamp: ${iso}`);
  const parts: Record<string, string> = {};
  for (const part of stockholm.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * Word-wraps to at most `width` characters per line. Explicit newlines are kept; a word is only
 * split when it alone is longer than a line.
 */
export function wrapText(text: string, width: number): string[] {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`Width must be a positive integer, got ${width}`);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      let rest = word;
      while (rest.length > 0) {
        const candidate = line === '' ? rest : `${line} ${rest}`;
        if (candidate.length <= width) {
          line = candidate;
          rest = '';
        } else if (line !== '') {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, width));
          rest = rest.slice(width);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}
