import { DomainError } from './errors';
import { assertOre, roundHalfAwayFromZero, type Ore } from './money';

/** rateBp in basis points (2500 = 25 %); dates are 'YYYY-MM-DD' and inclusive. */
export interface VatRate {
  code: string;
  rateBp: number;
  validFrom: string;
  validTo: string | null;
}

// History before 1990 is not modelled: every code starts at the same floor date.
export const SWEDISH_VAT_RATES: VatRate[] = [
  { code: 'standard', rateBp: 2500, validFrom: '1990-01-01', validTo: null },
  { code: 'food', rateBp: 1200, validFrom: '1990-01-01', validTo: '2026-03-31' },
  // Temporary food-VAT cut.
  { code: 'food', rateBp: 600, validFrom: '2026-04-01', validTo: '2027-12-31' },
  { code: 'food', rateBp: 1200, validFrom: '2028-01-01', validTo: null },
  { code: 'reduced', rateBp: 600, validFrom: '1990-01-01', validTo: null },
  { code: 'zero', rateBp: 0, validFrom: '1990-01-01', validTo: null },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function resolveVatRateBp(rates: readonly VatRate[], code: string, date: string): number {
  if (!ISO_DATE.test(date)) {
    throw new DomainError('INVALID', `date: '${date}' is not a YYYY-MM-DD date`, 'date');
  }
  // ISO dates compare correctly as strings.
  const matches = rates.filter(
    (r) => r.code === code && r.validFrom <= date && (r.validTo === null || date <= r.validTo),
  );
  const [only] = matches;
  if (only === undefined) {
    throw new DomainError('NO_VAT_RATE', `no VAT rate '${code}' is valid on ${date}`, 'vatCode');
  }
  if (matches.length > 1) {
    // Overlapping periods are a configuration error; picking one silently would misstate VAT.
    throw new DomainError('INVALID', `VAT rate '${code}' has overlapping periods on ${date}`, 'vatCode');
  }
  return only.rateBp;
}

/** The VAT contained in a VAT-inclusive amount. */
export function vatFromGross(grossOre: Ore, rateBp: number): Ore {
  assertOre(grossOre, 'grossOre');
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) {
    throw new DomainError('INVALID', `rateBp: ${rateBp} is not a non-negative whole number of basis points`, 'rateBp');
  }
  return roundHalfAwayFromZero(assertOre(grossOre * rateBp, 'grossOre'), 10000 + rateBp);
}
