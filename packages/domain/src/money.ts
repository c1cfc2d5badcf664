import { DomainError } from './errors';

/** An amount in öre (1/100 krona). Always a safe integer: no floating point in amounts. */
export type Ore = number;

export function isOre(n: unknown): n is Ore {
  return Number.isSafeInteger(n);
}

export function assertOre(n: number, field: string): Ore {
  if (!isOre(n)) {
    throw new DomainError('INVALID_AMOUNT', `${field}: ${String(n)} is not a whole number of öre`, field);
  }
  return n;
}

export function formatKronor(ore: Ore, locale: 'sv' | 'en' = 'sv'): string {
  assertOre(ore, 'amount');
  const [group, decimal] = locale === 'sv' ? [' ', ','] : [',', '.'];
  const abs = Math.abs(ore);
  // Grouping by hand rather than Intl: sv-SE uses U+00A0/U+2212, which breaks receipts and comparisons.
  const kronor = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, group);
  const cents = String(abs % 100).padStart(2, '0');
  return `${ore < 0 ? '-' : ''}${kronor}${decimal}${cents}`;
}

/** Integer division rounding halves away from zero, without going through a float quotient. */
export function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new DomainError('INVALID', `cannot divide ${numerator} by ${denominator}: integers required, denominator not 0`);
  }
  const remainder = numerator % denominator;
  // numerator - remainder is an exact multiple of denominator, so this division is exact.
  let quotient = (numerator - remainder) / denominator;
  const absRem = Math.abs(remainder);
  const absDen = Math.abs(denominator);
  if (absRem >= absDen - absRem) {
    quotient += Math.sign(numerator) * Math.sign(denominator);
  }
  // Adding 0 turns -0 into 0, so callers never see a negative zero.
  return quotient + 0;
}
