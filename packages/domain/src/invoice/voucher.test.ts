import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAS_DEFAULT_MAPPING, describeMappingProblems, mappingProblems } from './accounting-mapping';
import { activateInvoice, creditInvoice, invoiceContentFromSale, type InvoiceDocument } from './invoice';
import { TEST_MAPPING, TEST_SELLER, testCustomer, testSale } from './test-fixtures';
import { buildVoucher } from './voucher';

const origin = { registerId: 'c0ffee00-0000-4000-8000-000000000001', registerName: 'Kassa 1', costCentre: 'MUSEUM' };
const groups = new Map([['p-book', 'books'], ['p-coffee', 'food'], ['p-mug', 'goods']]);

function invoice(split = false): InvoiceDocument {
  const content = invoiceContentFromSale(testSale({ split }), origin)!;
  return activateInvoice(content, { number: 1042, today: '2026-11-23', seller: TEST_SELLER, customer: testCustomer(), productGroups: groups });
}

const rows = (doc: InvoiceDocument, mapping = TEST_MAPPING) => {
  const result = buildVoucher(doc, mapping);
  if (!result.ok) throw new Error(describeMappingProblems(result.problems));
  return result.rows;
};
const sum = (values: { amountOre: number }[]) => values.reduce((s, r) => s + r.amountOre, 0);

describe('buildVoucher', () => {
  it('debits the customer ledger and credits sales and output VAT per rate on BAS accounts', () => {
    const doc = invoice();
    const voucher = rows(doc);
    expect(voucher.map((r) => [r.role, r.account, r.taxCode])).toEqual([
      ['receivable', '1510', null],
      ['sales', '3001', '1'],
      ['vat', '2611', '1'],
      ['sales', '3003', '3'],
      ['vat', '2631', '3'],
    ]);
    expect(voucher[0]!.amountOre).toBe(doc.amountDueOre);
    expect(sum(voucher)).toBe(0);
    for (const rate of doc.vatSummary) {
      const sales = voucher.find((r) => r.role === 'sales' && r.vatRateBp === rate.rateBp)!;
      const vat = voucher.find((r) => r.role === 'vat' && r.vatRateBp === rate.rateBp)!;
      expect(sales.amountOre).toBe(-rate.netOre);
      expect(vat.amountOre).toBe(-rate.vatOre);
      expect(vat.taxBase).toEqual({ account: sales.account, amountOre: -rate.netOre });
    }
    expect(voucher.filter((r) => r.role === 'sales').every((r) => r.costCentre === 'MUSEUM')).toBe(true);
    expect(voucher.find((r) => r.role === 'receivable')!.costCentre).toBeNull();
  });

  it('books what a split sale paid at the register and its rounding', () => {
    const doc = invoice(true);
    const voucher = rows(doc);
    expect(voucher.filter((r) => r.role === 'payment').map((r) => [r.account, r.amountOre])).toEqual([
      ['1580', 10_000],
      ['1910', 2_300],
    ]);
    expect(voucher.find((r) => r.role === 'rounding')).toMatchObject({ account: '3740', amountOre: 45 });
    expect(sum(voucher)).toBe(0);
  });

  it('splits a rate’s sales by product-group account and maps the cost centre’s code', () => {
    const mapping = {
      ...TEST_MAPPING,
      productGroups: [{ groupId: 'books', salesAccount: '3051' }],
      costCentres: [{ code: 'MUSEUM', accountingCode: '4410' }],
    };
    const voucher = rows(invoice(), mapping);
    expect(voucher.filter((r) => r.role === 'sales').map((r) => [r.account, r.vatRateBp, r.costCentre])).toEqual([
      ['3001', 2500, '4410'],
      // Coffee shares the books' 6 % (the food VAT cut) but not their group.
      ['3003', 600, '4410'],
      ['3051', 600, '4410'],
    ]);
    expect(sum(voucher)).toBe(0);
  });

  it('reverses every row for a credit document', () => {
    const original = invoice(true);
    const credit = creditInvoice(original, 'doc-1', { number: 1043, today: '2026-11-24' });
    const a = rows(original);
    const b = rows(credit);
    expect(b.map((r) => [r.role, r.account, r.amountOre])).toEqual(a.map((r) => [r.role, r.account, -r.amountOre]));
    expect(b[0]!.description).toBe('Kreditfaktura 1043 Kultur- och fritidsförvaltningen Åre');
  });

  it('balances for any mix of lines, quantities and discounts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gross: fc.integer({ min: 1, max: 5_000_000 }), rate: fc.constantFrom(2500, 1200, 600, 0) }),
          { minLength: 1, maxLength: 30 },
        ),
        (lines) => {
          const base = invoice();
          const docLines = lines.map((l, i) => {
            const vat = Math.round((l.gross * l.rate) / (10_000 + l.rate));
            return { ...base.lines[0]!, lineNo: i + 1, grossOre: l.gross, vatOre: vat, netOre: l.gross - vat, vatRateBp: l.rate };
          });
          const total = docLines.reduce((s, l) => s + l.grossOre, 0);
          const doc = { ...base, lines: docLines, totalOre: total, amountDueOre: total };
          expect(sum(rows(doc))).toBe(0);
        },
      ),
    );
  });

  it('refuses an incomplete mapping and names each missing field', () => {
    const result = buildVoucher(invoice(), BAS_DEFAULT_MAPPING);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'vatRates[0].taxCode',
      'vatRates[1].taxCode',
      'vatRates[2].taxCode',
      'vatRates[3].taxCode',
      'agresso.companyCode',
      'agresso.interface',
      'agresso.voucherType',
    ]);
    expect(describeMappingProblems(result.problems)).toContain('The tax code for VAT 12 % is missing; The tax code for VAT 6 % is missing');
  });

  it('refuses a document whose VAT rate the mapping does not know', () => {
    const mapping = { ...TEST_MAPPING, vatRates: TEST_MAPPING.vatRates.filter((r) => r.rateBp !== 600) };
    const result = buildVoucher(invoice(), mapping);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual(['VAT 6 % has no accounts or tax code']);
  });
});

describe('mappingProblems', () => {
  it('accepts a complete mapping and flags malformed codes, duplicate rates and a bad dimension', () => {
    expect(mappingProblems(TEST_MAPPING)).toEqual([]);
    const broken = {
      ...TEST_MAPPING,
      paymentMethods: { cash: ' 1910', card: '1580' },
      vatRates: [...TEST_MAPPING.vatRates, { rateBp: 2500, salesAccount: '3001', vatAccount: '2611', taxCode: '1' }],
      agresso: { ...TEST_MAPPING.agresso, costCentreDimension: 9, customerIdPrefix: 'Nota kund' },
    };
    expect(mappingProblems(broken).map((p) => p.field)).toEqual([
      'paymentMethods.cash',
      'vatRates[4].rateBp',
      'agresso.customerIdPrefix',
      'agresso.costCentreDimension',
    ]);
  });
});
