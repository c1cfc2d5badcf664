import { describe, expect, it } from 'vitest';
import { formatAmount, formatQuantity, formatStockholmDateTime, wrapText } from './format';

describe('formatAmount', () => {
  it('groups thousands and uses the language decimal mark', () => {
    expect(formatAmount(123450, 'sv')).toBe('1 234,50');
    expect(formatAmount(123450, 'en')).toBe('1,234.50');
    expect(formatAmount(123456789, 'sv')).toBe('1 234 567,89');
    expect(formatAmount(5, 'sv')).toBe('0,05');
    expect(formatAmount(0, 'en')).toBe('0.00');
    expect(formatAmount(-100000, 'sv')).toBe('-1 000,00');
  });

  it('refuses non-integer öre, since that means a float slipped into money arithmetic', () => {
    expect(() => formatAmount(12.5, 'sv')).toThrow(RangeError);
  });
});

describe('formatQuantity', () => {
  it('shows fractions with the language decimal mark and hides float noise', () => {
    expect(formatQuantity(3, 'sv')).toBe('3');
    expect(formatQuantity(2.5, 'sv')).toBe('2,5');
    expect(formatQuantity(2.5, 'en')).toBe('2.5');
    expect(formatQuantity(0.1 + 0.2, 'en')).toBe('0.3');
  });
});

describe('formatStockholmDateTime', () => {
  it('prints Swedish local time across summer and winter time', () => {
    expect(formatStockholmDateTime('2024-01-15T13:05:00Z')).toBe('2024-01-15 14:05');
    expect(formatStockholmDateTime('2024-07-01T22:30:00Z')).toBe('2024-07-02 00:30');
  });

  it('rejects garbage instead of printing NaN', () => {
    expect(() => formatStockholmDateTime('not a date')).toThrow(RangeError);
  });
});

describe('wrapText', () => {
  it('breaks between words and keeps explicit newlines', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('one\ntwo', 20)).toEqual(['one', 'two']);
  });

  it('splits only a word that is longer than the line', () => {
    expect(wrapText('ab abcdefghij cd', 5)).toEqual(['ab', 'abcde', 'fghij', 'cd']);
  });
});
