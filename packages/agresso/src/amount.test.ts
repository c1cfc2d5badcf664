import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from './amount';
import { AgressoDocumentError } from './document-error';

describe('formatAmount', () => {
  it('writes öre as kronor with two decimals', () => {
    expect(formatAmount(-492375)).toBe('-4923.75');
    expect(formatAmount(492400)).toBe('4924.00');
    expect(formatAmount(5)).toBe('0.05');
    expect(formatAmount(-5)).toBe('-0.05');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(-0)).toBe('0.00');
    expect(formatAmount(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(formatAmount(Number.MIN_SAFE_INTEGER)).toBe('-90071992547409.91');
  });

  it('refuses anything that is not a safe whole number of öre', () => {
    for (const bad of [0.5, Number.NaN, Infinity, 2 ** 53]) expect(() => formatAmount(bad)).toThrow(AgressoDocumentError);
  });
});

describe('parseAmount', () => {
  it('reads every decimal form GL07 documents use', () => {
    expect(parseAmount('4924.0')).toBe(492400);
    expect(parseAmount('-4923.75')).toBe(-492375);
    expect(parseAmount('-0.25')).toBe(-25);
    expect(parseAmount('12')).toBe(1200);
    expect(parseAmount('+3.5')).toBe(350);
    expect(parseAmount('.5')).toBe(50);
    expect(parseAmount('7.')).toBe(700);
    expect(parseAmount(' 0012.30 ')).toBe(1230);
    expect(parseAmount('1.23000')).toBe(123);
    expect(Object.is(parseAmount('-0.00'), 0)).toBe(true);
    expect(parseAmount('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses fractions of an öre, exponents, garbage and overflow', () => {
    for (const bad of ['1.234', '0.001', '1e3', '', '.', '-', '1,50', 'abc', '1.2.3', '90071992547409.92']) {
      expect(() => parseAmount(bad), bad).toThrow(AgressoDocumentError);
    }
  });

  it('round-trips every safe amount exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (ore) => {
        expect(parseAmount(formatAmount(ore))).toBe(ore);
      }),
    );
  });

  it('reads any kronor/öre text the way integer arithmetic would', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.bigInt({ min: 0n, max: 90_071_992_547_408n }), fc.integer({ min: 0, max: 99 }), fc.nat(3), (negative, kronor, ore, zeros) => {
        const text = `${negative ? '-' : ''}${kronor}.${String(ore).padStart(2, '0')}${'0'.repeat(zeros)}`;
        const expected = Number(kronor * 100n + BigInt(ore)) * (negative ? -1 : 1);
        expect(parseAmount(text)).toBe(expected + 0);
        expect(formatAmount(parseAmount(text))).toBe(formatAmount(expected));
      }),
    );
  });
});
