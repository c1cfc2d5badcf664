import { currencyOf, localeTag, type LocaleSettings } from './locale';

/**
 * Money on screen and money typed in. Amounts are integer öre everywhere; Intl receives an exact
 * decimal string (never ore / 100 as a float) so nothing can be off by one öre in display.
 */

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: LocaleSettings, currency: boolean): Intl.NumberFormat {
  const key = `${localeTag(locale)}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeTag(locale), {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      ...(currency ? { style: 'currency', currency: currencyOf(locale.country), currencyDisplay: 'narrowSymbol' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** "-1234.05" for -123405: the exact decimal Intl formats without going through a float. */
export function oreToDecimalString(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`${String(ore)} is not a whole number of öre`);
  const abs = Math.abs(ore);
  return `${ore < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// Intl formats decimal strings exactly (ECMA-402 2023); typed as number so older `lib` settings compile.
const exact = (ore: number) => oreToDecimalString(ore) as unknown as number;

/** 123450 → "1 234,50 kr" (sv-SE), with the currency of the register's country. */
export function formatMoney(ore: number, locale: LocaleSettings): string {
  return formatter(locale, true).format(exact(ore));
}

/** 123450 → "1 234,50": for columns and inputs where the currency is said once. */
export function formatAmount(ore: number, locale: LocaleSettings): string {
  return formatter(locale, false).format(exact(ore));
}

/** 2500 basis points → "25 %" / "25%"; 1250 → "12,5 %". */
export function formatPercentBp(bp: number, locale: LocaleSettings): string {
  return new Intl.NumberFormat(localeTag(locale), { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

export type ParseProblem = 'REQUIRED' | 'INVALID_AMOUNT' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE' | 'NEGATIVE';
export type Parsed = { ok: true; value: number } | { ok: false; code: ParseProblem };

/** The largest amount the wire contract carries (protocol `Ore`): 1 000 000 000,00. */
export const MAX_ORE = 100_000_000_000;

/**
 * What a cashier types for an amount → öre: "12,50", "12.5", "1 234,50", "12" and "12," all work;
 * "12,505", "1,2,3", "12 kr" and letters do not. Either comma or point is the decimal mark (a till
 * keypad has one or the other); spaces group thousands. Parsed with integers only.
 */
export function parseAmount(input: string, options: { allowNegative?: boolean; max?: number } = {}): Parsed {
  return parseDecimal(input, 2, options.max ?? MAX_ORE, options.allowNegative ?? false);
}

/** A percentage as typed ("10", "12,5") → basis points (1000, 1250), at most 100 %. */
export function parsePercent(input: string): Parsed {
  return parseDecimal(input, 2, 10_000, false);
}

function parseDecimal(input: string, decimals: number, max: number, allowNegative: boolean): Parsed {
  // Regular, no-break and narrow no-break spaces: what people and Intl put between thousands.
  const compact = input.replace(/[\s\u00A0\u202F]/g, '').replace('\u2212', '-');
  if (compact === '') return { ok: false, code: 'REQUIRED' };
  const match = /^(-?)(\d*)(?:[.,](\d*))?$/.exec(compact);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { ok: false, code: 'INVALID_AMOUNT' };
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) return { ok: false, code: 'TOO_MANY_DECIMALS' };
  if (sign && !allowNegative) return { ok: false, code: 'NEGATIVE' };
  // Length check first so a 400-digit paste never becomes Infinity or a lossy float.
  if (whole.replace(/^0+/, '').length > 15) return { ok: false, code: 'TOO_LARGE' };
  const magnitude = Number(whole || '0') * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (magnitude > max) return { ok: false, code: 'TOO_LARGE' };
  return { ok: true, value: sign && magnitude !== 0 ? -magnitude : magnitude };
}

/** öre → what to put back in an input for editing: 1250 → "12,50" (sv) / "12.50" (en). */
export function amountForInput(ore: number, locale: LocaleSettings): string {
  const decimal = oreToDecimalString(ore);
  return locale.language === 'sv' ? decimal.replace('.', ',') : decimal;
}
