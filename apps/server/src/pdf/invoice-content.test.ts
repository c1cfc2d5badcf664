import { describe, expect, it } from 'vitest';
import { excludingVat, invoiceContentText, paymentTermsDays } from './invoice-content';
import { testCredit, testInvoice } from './test-fixtures';

describe('paymentTermsDays', () => {
  it('counts calendar days across months, years and a leap day', () => {
    expect(paymentTermsDays('2026-03-16', '2026-04-15')).toBe(30);
    expect(paymentTermsDays('2026-12-20', '2027-01-19')).toBe(30);
    expect(paymentTermsDays('2028-02-28', '2028-03-01')).toBe(2);
    expect(paymentTermsDays('2026-03-29', '2026-03-30')).toBe(1); // the night clocks go forward
    expect(paymentTermsDays('2026-03-16', '2026-03-16')).toBe(0);
  });

  it('refuses something that is not a date', () => {
    expect(() => paymentTermsDays('16/3/2026', '2026-04-15')).toThrow(/YYYY-MM-DD/);
  });
});

describe('excludingVat', () => {
  it('removes VAT from a VAT-inclusive price, rounding halves away from zero', () => {
    expect(excludingVat(14_950, 2_500)).toBe(11_960);
    expect(excludingVat(34_900, 600)).toBe(32_925); // 32 924.53
    expect(excludingVat(8_950, 1_200)).toBe(7_991); // 7 991.07
    expect(excludingVat(5, 2_500)).toBe(4); // exactly 4
    expect(excludingVat(53, 600)).toBe(50); // exactly 50
    expect(excludingVat(-34_900, 600)).toBe(-32_925);
    expect(excludingVat(1_000, 0)).toBe(1_000);
  });
});

describe('invoiceContentText', () => {
  it('takes the line amount from the document, so lines add up to the net total', () => {
    const doc = testInvoice();
    const content = invoiceContentText(doc, 'sv');
    expect(content.lines.map((l) => l.amount)).toEqual(['322,92', '319,64', '658,49', '1 039,20']);
    expect(doc.lines.reduce((sum, l) => sum + l.netOre, 0)).toBe(doc.netOre);
    expect(content.totals[0]).toEqual(['Netto', '2 340,25']);
  });

  it('leaves the discount cell empty on a line without discount', () => {
    expect(invoiceContentText(testInvoice(), 'sv').lines.map((l) => l.discount)).toEqual(['35,88', '', '', '']);
  });

  it('writes a fractional VAT rate with the language’s decimal mark', () => {
    const doc = testInvoice();
    const odd = { ...doc, lines: doc.lines.map((l) => ({ ...l, vatRateBp: 1_250 })) };
    expect(invoiceContentText(odd, 'sv').lines[0]!.vatRate).toBe('12,5 %');
    expect(invoiceContentText(odd, 'en').lines[0]!.vatRate).toBe('12.5 %');
  });

  it('shows the countries only when buyer and seller are in different ones', () => {
    expect(invoiceContentText(testInvoice(), 'sv').buyer).not.toContain('Sverige');
    expect(invoiceContentText(testInvoice(), 'sv').footer.flat()).not.toContain('Sverige');
    expect(invoiceContentText(testInvoice({ customer: { country: 'NO' } }), 'sv').footer[0]).toContain('Sverige');
    expect(invoiceContentText(testInvoice({ customer: { country: 'NO' } }), 'en').buyer).toContain('Norway');
    expect(invoiceContentText(testInvoice({ customer: { country: 'FI' } }), 'sv').buyer).toContain('Finland');
    expect(invoiceContentText(testInvoice({ customer: { country: 'FI' } }), 'en').buyer).toContain('Finland');
    expect(invoiceContentText(testInvoice({ customer: { country: 'EE' } }), 'sv').buyer).toContain('EE');
  });

  it('signs a split credit so that its rows still add up to the credited amount', () => {
    const credit = invoiceContentText(testCredit(testInvoice({ split: true })), 'sv');
    expect(credit.totals).toEqual([
      ['Netto', '-2 340,25'],
      ['Moms', '-418,40'],
      ['Totalt inkl. moms', '-2 758,65'],
      ['Öresavrundning', '0,45'],
      ['Betalt med kort i kassan', '100,00'],
      ['Betalt kontant i kassan', '23,00'],
      ['Att betala SEK', '-2 635,20'],
    ]);
    expect(credit.payment).toBeNull();
  });
});

describe('invoice line figures', () => {
  /** Reads a printed amount back exactly: '1 282,075' → 1282075 units of 1/1000 krona. */
  const parse = (text: string, language: 'sv' | 'en'): { units: bigint; scale: bigint } => {
    const [group, decimal] = language === 'sv' ? [' ', ','] : [',', '.'];
    const [whole, fraction = ''] = text.split(group).join('').split(decimal);
    return { units: BigInt(`${whole}${fraction}`), scale: 10n ** BigInt(fraction.length) };
  };
  /** What a bookkeeper checks: quantity × unit price − discount, rounded to öre, is the line amount. */
  const agrees = (line: { quantity: string; unitPrice: string; discount: string; amount: string }, language: 'sv' | 'en') => {
    const unit = parse(line.unitPrice, language);
    const quantity = BigInt(line.quantity);
    const product = quantity * unit.units * 100n;
    // Half away from zero, at öre.
    const productOre = (2n * product + unit.scale) / (2n * unit.scale);
    const discountOre = line.discount === '' ? 0n : parse(line.discount, language).units;
    return productOre - discountOre === parse(line.amount, language).units;
  };

  it('shows 2 × 299,00 kr at 6 % as 282,075 each, so that 2 × unit price is the line amount 564,15', () => {
    const doc = testInvoice({ lines: [{ productId: 'p-book', name: 'Bok', unitPriceOre: 29_900, quantity: 2, vatCode: 'reduced' }] });
    const [line] = invoiceContentText(doc, 'sv').lines;
    expect(line!.amount).toBe('564,15');
    expect(line!.unitPrice).toBe('282,075');
    expect(invoiceContentText(doc, 'en').lines[0]!.unitPrice).toBe('282.075');
  });

  it('keeps two decimals where the unit price divides evenly', () => {
    const lines = invoiceContentText(testInvoice(), 'sv').lines;
    expect(lines.map((l) => l.unitPrice)).toEqual(['119,60', '79,91', '329,245', '1 039,20']);
  });

  it('makes quantity × unit price − discount equal the line amount on every line', () => {
    const codes = ['standard', 'food', 'reduced'] as const;
    const lines = Array.from({ length: 300 }, (_, i) => ({
      productId: `p-${i}`,
      name: `Artikel ${i}`,
      unitPriceOre: 101 + 7_919 * i,
      quantity: 1 + ((i * 7) % 13),
      vatCode: codes[i % 3]!,
      ...(i % 4 === 0 ? { discount: { kind: 'percent' as const, bp: 500 + i } } : {}),
    }));
    const doc = testInvoice({ lines });
    for (const language of ['sv', 'en'] as const) {
      const wrong = invoiceContentText(doc, language).lines.filter((l) => !agrees(l, language));
      expect(wrong).toEqual([]);
    }
    // The document's amounts are untouched: the lines still add up to the net total.
    expect(doc.lines.reduce((sum, l) => sum + l.netOre, 0)).toBe(doc.netOre);
  });
});
