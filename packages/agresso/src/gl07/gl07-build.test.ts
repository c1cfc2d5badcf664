import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AgressoDocumentError } from '../document-error';
import { invoiceBatch } from '../test-support/gl07-fixtures';
import { referenceDir } from '../test-support/reference';
import { buildGl07Xml } from './gl07-build';
import { parseGl07Xml } from './gl07-parse';
import { loadGl07Schema } from './gl07-schema';
import type { Gl07Batch, Gl07Transaction } from './gl07-types';

const schema = loadGl07Schema(referenceDir());
afterAll(() => schema.dispose());

describe('buildGl07Xml', () => {
  it('writes a realistic invoice batch that validates against Unit4’s ABWTransaction.xsd', () => {
    const xml = buildGl07Xml(invoiceBatch());
    expect(schema.validate(xml)).toEqual([]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<agr:ABWTransaction xmlns:agr="http:\/\/services.agresso.com\/schema\/ABWTransaction\/2011\/11\/14" xmlns:agrlib="http:\/\/services.agresso.com\/schema\/ABWSchemaLib\/2011\/11\/14">/);
    // Escaped, not mangled: the text comes back exactly.
    expect(xml).toContain('Åsa Öberg &amp; Söner &lt;Ängelholm&gt;');
    expect(xml).toContain('<agrlib:Amount>1250.00</agrlib:Amount>');
    expect(xml).toContain('<agrlib:CurrAmount>-250.00</agrlib:CurrAmount>');
    expect(xml).toMatch(/<agr:TaxTransInfo>\s*<agr:Account2>3001<\/agr:Account2>\s*<agr:BaseAmount>-1000.00<\/agr:BaseAmount>\s*<agr:BaseCurr>-1000.00<\/agr:BaseCurr>\s*<\/agr:TaxTransInfo>/);
    expect(xml).toContain('<agrlib:BacsId>2026000123004</agrlib:BacsId>');
    expect(xml).toContain('<agr:OrigReference>2026000123</agr:OrigReference>');
  });

  it('writes elements in the order of the schema’s sequences', () => {
    const xml = buildGl07Xml(invoiceBatch());
    const names = [...xml.matchAll(/<((?:agr|agrlib):\w+)>/g)].map((m) => m[1]);
    const firstTransaction = names.slice(names.indexOf('agr:Transaction'), names.indexOf('agr:Transaction', names.indexOf('agr:Transaction') + 1));
    expect(names.slice(0, 9)).toEqual([
      'agr:Interface',
      'agrlib:BatchId',
      'agrlib:ReportClient',
      'agr:Voucher',
      'agr:VoucherNo',
      'agrlib:VoucherType',
      'agrlib:CompanyCode',
      'agrlib:Period',
      'agr:VoucherDate',
    ]);
    expect(firstTransaction).toEqual([
      'agr:Transaction',
      'agrlib:TransType',
      'agrlib:Description',
      'agr:TransDate',
      'agr:ExternalRef',
      'agr:Amounts',
      'agrlib:Amount',
      'agrlib:CurrAmount',
      'agr:GLAnalysis',
      'agrlib:Account',
      'agrlib:Currency',
      'agr:ApArInfo',
      'agrlib:ApArType',
      'agrlib:ApArNo',
      'agrlib:InvoiceNo',
      'agrlib:DueDate',
      'agrlib:BacsId',
    ]);
  });

  it('produces documents the schema would reject if their order were wrong, so the order is really checked', () => {
    const xml = buildGl07Xml(invoiceBatch());
    const swapped = xml.replace(
      /(<agrlib:VoucherType>KF<\/agrlib:VoucherType>)(\s*)(<agrlib:CompanyCode>10<\/agrlib:CompanyCode>)/,
      '$3$2$1',
    );
    expect(swapped).not.toBe(xml);
    const [problem] = schema.validate(swapped);
    expect(problem?.message).toMatch(/CompanyCode|VoucherType/);
    expect(problem?.message).toMatch(/not expected/);
    expect(problem?.xpath).toBe('/agr:ABWTransaction/agr:Voucher[1]/agrlib:VoucherType');
  });

  it('leaves out TaxCode when null, writes it empty when empty', () => {
    const batch = invoiceBatch();
    const [ar, gl] = batch.vouchers[0]!.transactions;
    gl!.taxCode = '';
    const xml = buildGl07Xml(batch);
    const arBlock = xml.slice(xml.indexOf('<agr:Transaction>'), xml.indexOf('</agr:Transaction>'));
    expect(ar!.taxCode).toBeNull();
    expect(arBlock).not.toContain('TaxCode');
    expect(xml).toContain('<agrlib:TaxCode></agrlib:TaxCode>');
    expect(schema.validate(xml)).toEqual([]);
  });

  it('cuts descriptions to 255 characters, counting characters as the schema does', () => {
    const batch = invoiceBatch();
    const t = batch.vouchers[0]!.transactions[0]!;
    t.description = `${'Å'.repeat(250)}😀😀😀😀😀😀😀😀`;
    const xml = buildGl07Xml(batch);
    expect(schema.validate(xml)).toEqual([]);
    const written = parseGl07Xml(xml).vouchers[0]!.transactions[0]!.description;
    expect(Array.from(written)).toHaveLength(255);
    expect(written).toBe(`${'Å'.repeat(250)}😀😀😀😀😀`);
  });

  it('puts descriptions on one line and drops characters XML cannot carry', () => {
    const batch = invoiceBatch();
    batch.vouchers[0]!.transactions[0]!.description = 'Rad ett\r\nrad två\ttab\u0001\u0007slut';
    const xml = buildGl07Xml(batch);
    expect(schema.validate(xml)).toEqual([]);
    expect(parseGl07Xml(xml).vouchers[0]!.transactions[0]!.description).toBe('Rad ett rad två tabslut');
  });

  it('refuses values the schema would refuse, naming the field', () => {
    const cases: [string, (b: Gl07Batch) => void, RegExp][] = [
      ['long batch id', (b) => (b.batchId = 'X'.repeat(26)), /BatchId is longer than 25/],
      ['long account', (b) => (first(b).account = '1'.repeat(26)), /Voucher 1, transaction 1: Account is longer than 25/],
      ['long external ref', (b) => (first(b).externalRef = 'R'.repeat(256)), /ExternalRef is longer than 255/],
      ['bad date', (b) => (b.vouchers[0]!.voucherDate = '2026-02-30'), /VoucherDate must be a date/],
      ['old date', (b) => (first(b).transDate = '1899-12-31'), /TransDate must be a date/],
      ['fractional öre', (b) => (first(b).amountOre = 10.5), /not a whole number of öre/],
      ['bad period', (b) => (b.vouchers[0]!.period = 1_000_000), /Period must be a whole number/],
      ['control char in ref', (b) => (first(b).externalRef = 'A\u0000B'), /ExternalRef contains a control character/],
      ['no vouchers', (b) => (b.vouchers = []), /has no vouchers/],
      ['no rows', (b) => (b.vouchers[0]!.transactions = []), /Voucher 1 has no transactions/],
      ['bad trans type', (b) => (first(b).transType = 'XX' as 'GL'), /TransType must be one of/],
    ];
    for (const [name, spoil, message] of cases) {
      const batch = invoiceBatch();
      spoil(batch);
      expect(() => buildGl07Xml(batch), name).toThrow(AgressoDocumentError);
      expect(() => buildGl07Xml(batch), name).toThrow(message);
    }
  });

  it('round-trips through parseGl07Xml', () => {
    const batch = invoiceBatch();
    expect(parseGl07Xml(buildGl07Xml(batch))).toEqual(batch);
  });
});

function first(b: Gl07Batch): Gl07Transaction {
  return b.vouchers[0]!.transactions[0]!;
}

// --- properties over random valid batches ---

const awkward = [...'abcxyzABCÅÄÖåäöæøÆØéü0129 -_./:<>&"\'€'];
const code = fc.string({ unit: fc.constantFrom(...awkward), minLength: 0, maxLength: 25 });
const date = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const ore = fc.maxSafeInteger();
// agrlib:Counter
const counter = fc.integer({ min: 0, max: 999_999_999_999_999 });
const dims = fc
  .record({ 1: code, 2: code, 3: code, 4: code, 5: code, 6: code, 7: code }, { requiredKeys: [] })
  .map((d) => (Object.keys(d).length > 0 ? d : undefined));

function transaction(description: fc.Arbitrary<string>): fc.Arbitrary<Gl07Transaction> {
  return fc.record({
    transType: fc.constantFrom('GL', 'AR', 'AP', 'TX'),
    description,
    transDate: date,
    externalRef: fc.string({ unit: fc.constantFrom(...awkward), maxLength: 255 }),
    amountOre: ore,
    account: code,
    dims,
    currency: fc.constantFrom('SEK', 'NOK', 'EUR'),
    taxCode: fc.option(code, { nil: null }),
    taxTransInfo: fc.option(fc.record({ account2: code, baseAmountOre: ore }), { nil: null }),
    apArInfo: fc.option(
      fc.record({
        apArType: fc.constantFrom('R', 'P'),
        apArNo: code,
        invoiceNo: fc.string({ unit: fc.constantFrom(...awkward), maxLength: 100 }),
        dueDate: date,
        bacsId: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 27 }), { nil: null }),
        origReference: fc.option(counter, { nil: null }),
      }),
      { nil: null },
    ),
  });
}

function batch(description: fc.Arbitrary<string>): fc.Arbitrary<Gl07Batch> {
  return fc.record(
    {
      interface: code,
      batchId: code,
      reportClient: code,
      vouchers: fc.array(
        fc.record(
          {
            voucherNo: counter,
            voucherType: code,
            companyCode: code,
            period: fc.integer({ min: 0, max: 999_999 }),
            voucherDate: date,
            transactions: fc.array(transaction(description), { minLength: 1, maxLength: 4 }),
          },
          { requiredKeys: ['voucherType', 'companyCode', 'period', 'voucherDate', 'transactions'] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    },
    { requiredKeys: ['interface', 'batchId', 'vouchers'] },
  );
}

describe('buildGl07Xml properties', () => {
  it('always writes documents the XSD accepts, whatever the descriptions hold', () => {
    // Controls, lone surrogates, non-characters and astral characters, long enough to need cutting.
    const nasty = ['\u0000', '\u0001', '\u0008', '\r', '\n', '\t', '\u007f', '\ud800', '\udfff', '\ufffe', '\uffff', '😀', '𝄞'];
    const anything = fc.string({ unit: fc.constantFrom(...awkward, ...nasty), maxLength: 400 });
    fc.assert(
      fc.property(batch(anything), (b) => {
        expect(schema.validate(buildGl07Xml(b))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('parse(build(batch)) gives the batch back', () => {
    const oneLine = fc.string({ unit: fc.constantFrom(...awkward, '😀'), maxLength: 255 }).filter((s) => Array.from(s).length <= 255);
    fc.assert(
      fc.property(batch(oneLine), (b) => {
        expect(parseGl07Xml(buildGl07Xml(b))).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});
