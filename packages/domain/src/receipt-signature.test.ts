import { describe, expect, it } from 'vitest';
import { nextDate, norwegianDateTime, norwegianDayStart } from './norwegian-time';
import { receiptSignedText, saftAmount } from './receipt-signature';

describe('the signed text of a Norwegian receipt', () => {
  it("matches the reference README's example line", () => {
    // 23:59:59 in Oslo on 24 January (winter, UTC+1) is 22:59:59 UTC.
    const text = receiptSignedText({
      previousSignature: 'PREV/sig+==',
      completedAt: '2014-01-24T22:59:59.000Z',
      receiptNumber: 123456789,
      totalOre: 125_000,
      netOre: 100_000,
    });
    expect(text).toBe('PREV/sig+==;2014-01-24;23:59:59;123456789;1250.00;1000.00');
  });

  it("starts the chain with 0 on the register's first receipt", () => {
    expect(receiptSignedText({ previousSignature: null, completedAt: new Date('2026-06-01T10:00:00Z'), receiptNumber: 1, totalOre: 5, netOre: 4 })).toBe(
      '0;2026-06-01;12:00:00;1;0.05;0.04',
    );
  });

  it('gives date and time on the Norwegian wall clock, summer and winter, across midnight', () => {
    expect(norwegianDateTime('2026-07-01T22:30:00Z')).toEqual({ date: '2026-07-02', time: '00:30:00' });
    expect(norwegianDateTime('2026-12-31T23:00:00Z')).toEqual({ date: '2027-01-01', time: '00:00:00' });
    expect(norwegianDateTime('2026-12-31T22:59:59.999Z')).toEqual({ date: '2026-12-31', time: '23:59:59' });
    expect(() => norwegianDateTime('yesterday')).toThrow(/not a moment/);
  });

  it('writes amounts with two decimals and a point, negative for returns, no grouping', () => {
    expect(saftAmount(0)).toBe('0.00');
    expect(saftAmount(-1640)).toBe('-16.40');
    expect(saftAmount(-5)).toBe('-0.05');
    expect(saftAmount(123_456_789_01)).toBe('123456789.01');
    expect(() => saftAmount(1.5)).toThrow();
  });

  it('refuses a receipt number that is not one', () => {
    expect(() => receiptSignedText({ previousSignature: null, completedAt: new Date(), receiptNumber: 0, totalOre: 1, netOre: 1 })).toThrow(/receiptNumber/);
  });
});

describe('Norwegian calendar days', () => {
  it('start at local midnight, +01:00 in winter and +02:00 in summer', () => {
    expect(norwegianDayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(norwegianDayStart('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // The days summer time starts and ends (29 March, 25 October 2026) still start at midnight.
    expect(norwegianDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(norwegianDayStart('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
    expect(norwegianDayStart('0050-06-01').getUTCFullYear()).toBe(50);
    expect(() => norwegianDayStart('2026-1-1')).toThrow(/not a date/);
  });
});

describe('the Norwegian wall clock, hour by hour', () => {
  it('agrees with Intl for every hour around both summer-time changes and across a year', () => {
    const reference = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'medium' });
    const moments = [];
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 * 7 + 61_001) moments.push(ms);
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let d = -3_600_000; d <= 3_600_000; d += 599_999) moments.push(change + d);
      moments.push(change - 1, change, change + 1);
    }
    for (const ms of moments) {
      const { date, time } = norwegianDateTime(new Date(ms));
      expect(`${date} ${time}`, new Date(ms).toISOString()).toBe(reference.format(new Date(ms)));
    }
  });
});
