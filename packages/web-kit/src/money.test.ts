import { describe, expect, it } from 'vitest';
import { amountForInput, formatAmount, formatMoney, formatPercentBp, oreToDecimalString, parseAmount, parsePercent } from './money';

const sv = { language: 'sv', country: 'SE' } as const;
const en = { language: 'en', country: 'SE' } as const;
const no = { language: 'sv', country: 'NO' } as const;
// Intl groups with no-break spaces and writes minus as U+2212; compare with plain characters.
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ').replace('\u2212', '-');

describe('formatMoney', () => {
  it('formats öre as kronor in the register’s country', () => {
    expect(plain(formatMoney(123450, sv))).toBe('1 234,50 kr');
    expect(plain(formatMoney(5, sv))).toBe('0,05 kr');
    expect(plain(formatMoney(-1999, sv))).toBe('-19,99 kr');
    expect(plain(formatAmount(100_000_000_000, sv))).toBe('1 000 000 000,00');
    expect(plain(formatMoney(123450, no))).toBe('1 234,50 kr');
  });

  it('is exact at the largest amounts, where ore / 100 as a float would not be', () => {
    // 2^53 - 1 öre: the float 90071992547409.91 would print as ...409,91 or ...410,00 depending on rounding.
    expect(oreToDecimalString(9_007_199_254_740_991)).toBe('90071992547409.91');
    expect(plain(formatAmount(9_007_199_254_740_991, sv))).toBe('90 071 992 547 409,91');
  });

  it('refuses fractions of an öre', () => {
    expect(() => formatMoney(0.5, sv)).toThrow(RangeError);
  });

  it('follows the register’s country, not the reader’s language, for money', () => {
    // English in a Swedish store still reads Swedish amounts, as on the receipt.
    expect(plain(formatMoney(123450, en))).toBe('1 234,50 kr');
    expect(plain(formatMoney(123450, { language: 'en', country: 'NO' }))).toBe('1 234,50 kr');
  });

  it('formats VAT rates from basis points', () => {
    expect(plain(formatPercentBp(2500, sv))).toBe('25 %');
    expect(plain(formatPercentBp(1250, sv))).toBe('12,5 %');
  });
});

describe('parseAmount', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['12,5', 1250],
    ['12', 1200],
    ['12,', 1200],
    [',5', 50],
    ['0', 0],
    ['1 234,50', 123450],
    ['1\u00A0234,50', 123450],
    [' 100 ', 10000],
    ['007', 700],
  ])('%j → %d öre', (input, ore) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: ore });
  });

  it.each([
    ['', 'REQUIRED'],
    ['   ', 'REQUIRED'],
    ['abc', 'INVALID_AMOUNT'],
    ['12 kr', 'INVALID_AMOUNT'],
    ['1,2,3', 'INVALID_AMOUNT'],
    ['1.234,50', 'INVALID_AMOUNT'],
    [',', 'INVALID_AMOUNT'],
    ['1e5', 'INVALID_AMOUNT'],
    ['12,505', 'TOO_MANY_DECIMALS'],
    ['-5', 'NEGATIVE'],
    ['1000000001', 'TOO_LARGE'],
    ['9'.repeat(400), 'TOO_LARGE'],
  ])('%j is refused with %s', (input, code) => {
    expect(parseAmount(input)).toEqual({ ok: false, code });
  });

  it('accepts negatives when asked, and a typographic minus', () => {
    expect(parseAmount('-5,25', { allowNegative: true })).toEqual({ ok: true, value: -525 });
    expect(parseAmount('\u22125', { allowNegative: true })).toEqual({ ok: true, value: -500 });
  });

  it('round-trips what it puts back in an input', () => {
    for (const ore of [0, 1, 99, 100, 123456789]) {
      expect(parseAmount(amountForInput(ore, sv))).toEqual({ ok: true, value: ore });
      expect(parseAmount(amountForInput(ore, en))).toEqual({ ok: true, value: ore });
    }
  });
});

describe('parsePercent', () => {
  it('turns typed percentages into basis points up to 100 %', () => {
    expect(parsePercent('10')).toEqual({ ok: true, value: 1000 });
    expect(parsePercent('12,5')).toEqual({ ok: true, value: 1250 });
    expect(parsePercent('100')).toEqual({ ok: true, value: 10000 });
    expect(parsePercent('100,01')).toEqual({ ok: false, code: 'TOO_LARGE' });
  });
});
