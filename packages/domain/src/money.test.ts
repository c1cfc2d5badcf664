import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { assertOre, formatKronor, isOre, roundHalfAwayFromZero } from './money';

describe('isOre / assertOre', () => {
  it('accepts safe integers only', () => {
    expect(isOre(0)).toBe(true);
    expect(isOre(-123)).toBe(true);
    expect(isOre(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isOre(1.5)).toBe(false);
    expect(isOre(Number.NaN)).toBe(false);
    expect(isOre(2 ** 53)).toBe(false);
    expect(isOre('100')).toBe(false);
  });

  it('assertOre returns the amount or throws INVALID_AMOUNT naming the field', () => {
    expect(assertOre(12345, 'price')).toBe(12345);
    expect(() => assertOre(0.1, 'price')).toThrow(DomainError);
    expect(() => assertOre(0.1, 'price')).toThrow(
      expect.objectContaining({ code: 'INVALID_AMOUNT', field: 'price', message: expect.stringMatching(/^price: /) }),
    );
  });
});

describe('formatKronor', () => {
  it('formats Swedish style with a plain space and decimal comma', () => {
    expect(formatKronor(123450)).toBe('1 234,50');
    expect(formatKronor(123456789, 'sv')).toBe('1 234 567,89');
    expect(formatKronor(100000)).toBe('1 000,00');
    expect(formatKronor(99)).toBe('0,99');
    expect(formatKronor(0)).toBe('0,00');
    expect(formatKronor(123450)).not.toMatch(/[\u00a0\u202f]/);
  });

  it('formats English style', () => {
    expect(formatKronor(123450, 'en')).toBe('1,234.50');
    expect(formatKronor(5, 'en')).toBe('0.05');
  });

  it('puts a leading minus on negative amounts', () => {
    expect(formatKronor(-5)).toBe('-0,05');
    expect(formatKronor(-123450, 'en')).toBe('-1,234.50');
  });

  it('refuses fractional öre', () => {
    expect(() => formatKronor(1.5)).toThrow(DomainError);
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero in both directions', () => {
    expect(roundHalfAwayFromZero(5, 2)).toBe(3);
    expect(roundHalfAwayFromZero(-5, 2)).toBe(-3);
    expect(roundHalfAwayFromZero(5, -2)).toBe(-3);
    expect(roundHalfAwayFromZero(-5, -2)).toBe(3);
  });

  it('rounds non-halves to the nearest integer', () => {
    expect(roundHalfAwayFromZero(4, 3)).toBe(1);
    expect(roundHalfAwayFromZero(5, 3)).toBe(2);
    expect(roundHalfAwayFromZero(-4, 3)).toBe(-1);
    expect(roundHalfAwayFromZero(-5, 3)).toBe(-2);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAwayFromZero(-1, 3), 0)).toBe(true);
  });

  it('is exact where a float quotient is not', () => {
    // 9007199254740991 / 3 = 3002399751580330.33..., but the float quotient is ...330.5.
    expect(roundHalfAwayFromZero(Number.MAX_SAFE_INTEGER, 3)).toBe(3002399751580330);
  });

  it('matches a BigInt reference for any safe numerator', () => {
    const reference = (n: bigint, d: bigint): bigint => {
      const q = n / d;
      const r = n % d;
      const abs = (x: bigint) => (x < 0n ? -x : x);
      if (2n * abs(r) >= abs(d)) return q + ((n < 0n) !== (d < 0n) ? -1n : 1n);
      return q;
    };
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((d) => d !== 0),
        (n, d) => BigInt(roundHalfAwayFromZero(n, d)) === reference(BigInt(n), BigInt(d)),
      ),
    );
  });

  it('rejects a zero denominator and non-integers', () => {
    expect(() => roundHalfAwayFromZero(1, 0)).toThrow(DomainError);
    expect(() => roundHalfAwayFromZero(1.5, 2)).toThrow(DomainError);
  });
});
