import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { resolveVatRateBp, SWEDISH_VAT_RATES, vatFromGross, type VatRate } from './vat';

describe('resolveVatRateBp', () => {
  it('resolves the fixed Swedish rates', () => {
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'standard', '2026-06-15')).toBe(2500);
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'reduced', '2026-06-15')).toBe(600);
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'zero', '2026-06-15')).toBe(0);
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'standard', '1990-01-01')).toBe(2500);
  });

  it('switches the food rate on the inclusive period boundaries', () => {
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'food', '2026-03-31')).toBe(1200);
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'food', '2026-04-01')).toBe(600);
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'food', '2027-12-31')).toBe(600);
    expect(resolveVatRateBp(SWEDISH_VAT_RATES, 'food', '2028-01-01')).toBe(1200);
  });

  it('throws NO_VAT_RATE naming the code and the date', () => {
    expect(() => resolveVatRateBp(SWEDISH_VAT_RATES, 'luxury', '2026-06-15')).toThrow(
      expect.objectContaining({ code: 'NO_VAT_RATE', message: expect.stringMatching(/luxury.*2026-06-15/) }),
    );
    expect(() => resolveVatRateBp(SWEDISH_VAT_RATES, 'standard', '1989-12-31')).toThrow(
      expect.objectContaining({ code: 'NO_VAT_RATE' }),
    );
  });

  it('refuses malformed dates rather than comparing them as strings', () => {
    expect(() => resolveVatRateBp(SWEDISH_VAT_RATES, 'standard', '2026-4-1')).toThrow(
      expect.objectContaining({ code: 'INVALID', field: 'date' }),
    );
  });

  it('refuses overlapping periods for one code', () => {
    const rates: VatRate[] = [
      { code: 'x', rateBp: 2500, validFrom: '2020-01-01', validTo: null },
      { code: 'x', rateBp: 1200, validFrom: '2025-01-01', validTo: null },
    ];
    expect(resolveVatRateBp(rates, 'x', '2024-12-31')).toBe(2500);
    expect(() => resolveVatRateBp(rates, 'x', '2025-01-01')).toThrow(DomainError);
  });
});

describe('vatFromGross', () => {
  it('extracts VAT from VAT-inclusive amounts at each Swedish rate', () => {
    expect(vatFromGross(12500, 2500)).toBe(2500);
    expect(vatFromGross(11200, 1200)).toBe(1200);
    expect(vatFromGross(10600, 600)).toBe(600);
    expect(vatFromGross(12500, 0)).toBe(0);
  });

  it('rounds to the nearest öre, halves away from zero', () => {
    expect(vatFromGross(3, 2500)).toBe(1); // 0.6
    expect(vatFromGross(2, 2500)).toBe(0); // 0.4
    expect(vatFromGross(14, 1200)).toBe(2); // 14 * 1200 / 11200 = 1.5
    expect(vatFromGross(-14, 1200)).toBe(-2);
  });

  it('works for negative (returned) amounts', () => {
    expect(vatFromGross(-12500, 2500)).toBe(-2500);
    expect(vatFromGross(-3, 2500)).toBe(-1);
  });

  it('is symmetric, never exceeds the gross and is within half an öre of exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom(0, 600, 1200, 2500),
        (gross, rateBp) => {
          const vat = vatFromGross(gross, rateBp);
          const exactTimesDen = gross * rateBp;
          const den = 10000 + rateBp;
          return (
            Math.abs(vat) <= Math.abs(gross) &&
            (vat === 0 || Math.sign(vat) === Math.sign(gross)) &&
            vatFromGross(-gross, rateBp) === -vat + 0 &&
            2 * Math.abs(vat * den - exactTimesDen) <= den
          );
        },
      ),
    );
  });

  it('rejects fractional amounts and negative rates', () => {
    expect(() => vatFromGross(10.5, 2500)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => vatFromGross(100, -1)).toThrow(DomainError);
  });
});
