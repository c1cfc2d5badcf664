import { describe, expect, it } from 'vitest';
import { addToCart, priceCart, priceLine, type CartLineInput } from './cart';
import { SWEDISH_VAT_RATES } from './vat';

const DAY = '2026-06-15';
const line = (over: Partial<CartLineInput> = {}): CartLineInput => ({
  productId: 'p1',
  name: 'Kaffe 500 g',
  unitPriceOre: 2995,
  quantity: 3,
  vatCode: 'standard',
  ...over,
});

describe('priceLine', () => {
  it('prices unit × quantity and derives VAT and net from the gross', () => {
    const p = priceLine(line(), SWEDISH_VAT_RATES, DAY);
    expect(p).toMatchObject({ productId: 'p1', name: 'Kaffe 500 g', listOre: 8985, discountOre: 0, grossOre: 8985 });
    expect(p.vatRateBp).toBe(2500);
    expect(p.vatOre).toBe(1797); // 8985 / 5
    expect(p.netOre).toBe(7188);
  });

  it('rounds a percent discount half away from zero', () => {
    // 10 % of 8985 = 898.5 -> 899
    const p = priceLine(line({ discount: { kind: 'percent', bp: 1000 } }), SWEDISH_VAT_RATES, DAY);
    expect(p.discountOre).toBe(899);
    expect(p.grossOre).toBe(8086);
    expect(p.vatOre).toBe(1617); // 1617.2
    expect(p.netOre).toBe(6469);
  });

  it('accepts discounts at their bounds', () => {
    expect(priceLine(line({ discount: { kind: 'percent', bp: 0 } }), SWEDISH_VAT_RATES, DAY).grossOre).toBe(8985);
    const free = priceLine(line({ discount: { kind: 'percent', bp: 10000 } }), SWEDISH_VAT_RATES, DAY);
    expect(free).toMatchObject({ discountOre: 8985, grossOre: 0, vatOre: 0, netOre: 0 });
    expect(priceLine(line({ discount: { kind: 'amount', ore: 0 } }), SWEDISH_VAT_RATES, DAY).grossOre).toBe(8985);
    expect(priceLine(line({ discount: { kind: 'amount', ore: 8985 } }), SWEDISH_VAT_RATES, DAY).grossOre).toBe(0);
    expect(priceLine(line({ discount: { kind: 'amount', ore: 985 } }), SWEDISH_VAT_RATES, DAY).grossOre).toBe(8000);
  });

  it('rejects discounts outside their bounds', () => {
    for (const discount of [
      { kind: 'percent', bp: 10001 },
      { kind: 'percent', bp: -1 },
      { kind: 'percent', bp: 12.5 },
      { kind: 'amount', ore: 8986 },
      { kind: 'amount', ore: -1 },
    ] as const) {
      expect(() => priceLine(line({ discount }), SWEDISH_VAT_RATES, DAY)).toThrow(
        expect.objectContaining({ code: 'INVALID_DISCOUNT', field: 'discount' }),
      );
    }
  });

  it('requires a positive whole quantity', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN]) {
      expect(() => priceLine(line({ quantity }), SWEDISH_VAT_RATES, DAY)).toThrow(
        expect.objectContaining({ code: 'QUANTITY_NOT_POSITIVE', field: 'quantity', message: expect.stringMatching(/^quantity: /) }),
      );
    }
  });

  it('requires a non-negative whole unit price', () => {
    for (const unitPriceOre of [-1, 10.5]) {
      expect(() => priceLine(line({ unitPriceOre }), SWEDISH_VAT_RATES, DAY)).toThrow(
        expect.objectContaining({ code: 'INVALID_AMOUNT', field: 'unitPriceOre' }),
      );
    }
    expect(priceLine(line({ unitPriceOre: 0 }), SWEDISH_VAT_RATES, DAY).grossOre).toBe(0);
  });

  it('uses the food rate valid on the sale date', () => {
    const food = line({ unitPriceOre: 11200, quantity: 1, vatCode: 'food' });
    expect(priceLine(food, SWEDISH_VAT_RATES, '2026-03-31').vatOre).toBe(1200);
    expect(priceLine(food, SWEDISH_VAT_RATES, '2026-04-01').vatOre).toBe(634); // 11200 * 6/106 = 633.96
    expect(priceLine(food, SWEDISH_VAT_RATES, '2027-12-31').vatRateBp).toBe(600);
    expect(priceLine(food, SWEDISH_VAT_RATES, '2028-01-01').vatOre).toBe(1200);
  });
});

describe('priceCart', () => {
  it('prefixes field names with the line index', () => {
    expect(() => priceCart([line(), line({ quantity: 0 })], SWEDISH_VAT_RATES, DAY)).toThrow(
      expect.objectContaining({ code: 'QUANTITY_NOT_POSITIVE', field: 'lines[1].quantity' }),
    );
    expect(() => priceCart([line({ vatCode: 'nope' })], SWEDISH_VAT_RATES, DAY)).toThrow(
      expect.objectContaining({ code: 'NO_VAT_RATE', field: 'lines[0].vatCode', message: expect.stringMatching(/nope/) }),
    );
    expect(() => priceCart([line({ discount: { kind: 'percent', bp: 20000 } })], SWEDISH_VAT_RATES, DAY)).toThrow(
      expect.objectContaining({ field: 'lines[0].discount' }),
    );
  });

  it('sums per-line VAT per rate instead of recomputing it on the sum', () => {
    // Each 3-öre line carries 0.6 -> 1 öre VAT; recomputing on 9 öre would give 1.8 -> 2.
    const cart = priceCart([1, 2, 3].map((i) => line({ productId: `p${i}`, unitPriceOre: 3, quantity: 1 })), SWEDISH_VAT_RATES, DAY);
    expect(cart.vatOre).toBe(3);
    expect(cart.vatSummary).toEqual([{ rateBp: 2500, grossOre: 9, netOre: 6, vatOre: 3 }]);
  });

  it('totals the cart and lists only present rates, highest first', () => {
    const cart = priceCart(
      [
        line({ productId: 'milk', unitPriceOre: 1990, quantity: 2, vatCode: 'food' }),
        line({ productId: 'mug', unitPriceOre: 12500, quantity: 1, discount: { kind: 'amount', ore: 2500 } }),
        line({ productId: 'stamp', unitPriceOre: 1500, quantity: 1, vatCode: 'zero' }),
        line({ productId: 'bread', unitPriceOre: 3500, quantity: 1, vatCode: 'food' }),
      ],
      SWEDISH_VAT_RATES,
      DAY,
    );
    // food at 6 % on DAY: 3980 -> 225.28 -> 225, 3500 -> 198.11 -> 198; mug: 10000 / 5 = 2000
    expect(cart.vatSummary).toEqual([
      { rateBp: 2500, grossOre: 10000, netOre: 8000, vatOre: 2000 },
      { rateBp: 600, grossOre: 7480, netOre: 7057, vatOre: 423 },
      { rateBp: 0, grossOre: 1500, netOre: 1500, vatOre: 0 },
    ]);
    expect(cart.totalOre).toBe(18980);
    expect(cart.vatOre).toBe(2423);
    expect(cart.netOre).toBe(18980 - 2423);
    expect(cart.discountOre).toBe(2500);
    expect(cart.lines.map((l) => l.productId)).toEqual(['milk', 'mug', 'stamp', 'bread']);
  });

  it('prices an empty cart as zero', () => {
    expect(priceCart([], SWEDISH_VAT_RATES, DAY)).toEqual({
      lines: [],
      totalOre: 0,
      vatOre: 0,
      netOre: 0,
      discountOre: 0,
      vatSummary: [],
    });
  });
});

describe('addToCart', () => {
  type Line = { productId: string; quantity: number; discount?: { kind: 'percent'; bp: number } | null };
  const line = (productId: string): Line => ({ productId, quantity: 1, discount: null });

  it('adds to the last line when the same product comes again', () => {
    expect(addToCart([line('a'), line('b')], 'b', 2, () => line('b'))).toEqual([line('a'), { ...line('b'), quantity: 3 }]);
  });

  it('starts a new line for another product, for a product seen earlier, and after a discounted line', () => {
    expect(addToCart([line('a')], 'b', 1, () => line('b'))).toEqual([line('a'), line('b')]);
    expect(addToCart([line('a'), line('b')], 'a', 1, () => line('a'))).toEqual([line('a'), line('b'), line('a')]);
    const discounted = { ...line('a'), discount: { kind: 'percent' as const, bp: 1000 } };
    expect(addToCart([discounted], 'a', 1, () => line('a'))).toEqual([discounted, line('a')]);
  });

  it('leaves the lines it was given alone', () => {
    const lines = [line('a')];
    addToCart(lines, 'a', 1, () => line('a'));
    expect(lines).toEqual([line('a')]);
  });
});
