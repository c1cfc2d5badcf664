import { describe, expect, it } from 'vitest';
import { AgressoDocumentError } from '../document-error';
import { referenceFile } from '../test-support/reference';
import { buildGl07Xml } from './gl07-build';
import { parseGl07Xml } from './gl07-parse';

describe('parseGl07Xml', () => {
  it('reads the real-world example document from the reference folder', () => {
    const batch = parseGl07Xml(referenceFile('example-transaction.xml'));
    expect(batch.interface).toBe('PI');
    expect(batch.batchId).toBe('2026-01-19-2060-df86e869');
    expect(batch.reportClient).toBe('10');
    expect(batch.vouchers).toHaveLength(4);
    const [first] = batch.vouchers;
    expect(first).toMatchObject({ voucherType: 'BE', companyCode: '10', period: 202601, voucherDate: '2026-01-19' });
    expect(first!.voucherNo).toBeUndefined();
    expect(first!.transactions.map((t) => t.amountOre)).toEqual([492400, -492375, -25]);
    expect(first!.transactions[0]).toEqual({
      transType: 'GL',
      description: 'Hyresfordran (112206016928)',
      transDate: '2026-01-19',
      externalRef: '2026-01-19-2060-df86e869-1',
      amountOre: 492400,
      account: '2977',
      dims: { 1: '20600', 6: '20600-221103', 7: '2060' },
      currency: 'SEK',
      // <agrlib:TaxCode/> is present but empty, which is not the same as absent.
      taxCode: '',
      taxTransInfo: null,
      apArInfo: null,
    });
    expect(batch.vouchers[3]!.transactions[0]!.description).toBe('Förskottsbetalning (101206024727)');
    // Every voucher of the example balances.
    for (const v of batch.vouchers) expect(v.transactions.reduce((s, t) => s + t.amountOre, 0)).toBe(0);
  });

  it('reads back what it reads, through the builder', () => {
    const batch = parseGl07Xml(referenceFile('example-transaction.xml'));
    expect(parseGl07Xml(buildGl07Xml(batch))).toEqual(batch);
  });

  it('refuses input that is not GL07, saying what it got', () => {
    expect(() => parseGl07Xml('<ABWSupplierCustomer/>')).toThrow(/Not a GL07 document: the root element is <ABWSupplierCustomer>/);
    expect(() => parseGl07Xml('<agr:ABWTransaction xmlns:agr="x"><agr:Voucher></agr:ABWTransaction>')).toThrow(/not well-formed XML/);
    expect(() => parseGl07Xml('')).toThrow(AgressoDocumentError);
    expect(() => parseGl07Xml('just text')).toThrow(AgressoDocumentError);
  });

  it('names the missing or unreadable field', () => {
    const doc = (transaction: string): string =>
      `<ABWTransaction><Interface>NO</Interface><BatchId>B</BatchId><Voucher><VoucherType>KF</VoucherType><CompanyCode>10</CompanyCode><Period>202601</Period><VoucherDate>2026-01-19</VoucherDate><Transaction>${transaction}</Transaction></Voucher></ABWTransaction>`;
    const complete = '<TransType>GL</TransType><Description>d</Description><TransDate>2026-01-19</TransDate><ExternalRef>r</ExternalRef><Amounts><Amount>1.00</Amount></Amounts><GLAnalysis><Account>3001</Account><Currency>SEK</Currency></GLAnalysis>';
    expect(parseGl07Xml(doc(complete)).vouchers[0]!.transactions[0]!.amountOre).toBe(100);
    expect(() => parseGl07Xml(doc(complete.replace('<Account>3001</Account>', '')))).toThrow('Voucher 1, transaction 1: Account is missing');
    expect(() => parseGl07Xml(doc(complete.replace('1.00', '1.005')))).toThrow(/Voucher 1, transaction 1: Amount: "1.005" has fractions of an öre/);
    expect(() => parseGl07Xml(doc(complete.replace('>GL<', '>XX<')))).toThrow(/TransType "XX" is not one of/);
    expect(() => parseGl07Xml(doc(complete).replace('<Period>202601</Period>', '<Period>2026-01</Period>'))).toThrow(/Period is not a whole number/);
  });
});
