import type { Sale } from '@nota/protocol';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptText } from './escpos-decoder';
import { DRAWER_PULSE, renderReceipt, type Receipt } from './receipt';
import { sampleReceipt } from './test-fixtures';

const print = (receipt: Receipt) => decodeEscPos(renderReceipt(receipt));
const lines = (receipt: Receipt) => print(receipt).lines.map((l) => l.text);
const text = (receipt: Receipt) => receiptText(print(receipt));
/** The text lines with content, so a marker's place (first, last) does not depend on blank feeds. */
const printed = (receipt: Receipt) => lines(receipt).filter((l) => l.trim() !== '');
const row = (left: string, right: string, indent = 0) => ' '.repeat(indent) + left.padEnd(48 - indent - right.length) + right;

const invoice: NonNullable<Sale['invoice']> = {
  customer: { id: '00000000-0000-4000-8000-0000000000c1', customerNumber: 10023, name: 'Øresund Café AB', orgNumber: '556000-1111', externalId: null },
  buyerReference: 'Åsa Ødegård',
  comment: null,
  deliveryNoteNumber: 7,
};
const invoiceSale: Partial<Sale> = {
  invoice,
  roundingOre: 0,
  totalDueOre: 52810,
  changeOre: 0,
  payments: [{ method: 'invoice', amountOre: 52810, tenderedOre: null, changeOre: 0 }],
};
// One screw back of receipt 41, refunded to the card it was paid with.
const returnSale: Partial<Sale> = {
  receiptNumber: 43,
  returnOf: { saleId: '00000000-0000-4000-8000-000000000041', receiptNumber: 41 },
  totalOre: -12950,
  roundingOre: 0,
  totalDueOre: -12950,
  vatOre: -2590,
  netOre: -10360,
  changeOre: 0,
  lines: [{ lineNo: 1, productId: 'p-screw', sku: 'S-440', name: 'Skruv förzinkad 4x40', quantity: -1, unitPriceOre: 12950, discountOre: 0, grossOre: -12950, vatRateBp: 2500, vatOre: -2590, netOre: -10360 }],
  payments: [{ method: 'card', amountOre: -12950, tenderedOre: null, changeOre: 0 }],
  vatSummary: [{ rateBp: 2500, grossOre: -12950, netOre: -10360, vatOre: -2590 }],
};

describe('renderReceipt, Sweden', () => {
  it('prints every field of a cash sale: seller, register, time, number, items, discount, total, VAT, cash and change, rounding, cashier', () => {
    const out = lines(sampleReceipt());
    for (const expected of [
      'Järnhandeln Åre',
      'Ærø Bygg AB',
      'Org.nr 556677-8899',
      'Storgatan 1, 837 52 Åre',
      'KVITTO',
      // 13:05 UTC is 14:05 in Stockholm in November.
      expect.stringMatching(/^Datum: +2026-11-23 14:05$/),
      expect.stringMatching(/^Kassa: +Kassa 1$/),
      expect.stringMatching(/^Kvitto nr: +42$/),
      expect.stringMatching(/^Kassör: +Örjan Øster$/),
      row('Skruv förzinkad 4x40', '259,00'),
      '  2 x 129,50',
      row('Bok: Ålänningar & fjällvärld', '299,00'),
      row('Rabatt', '-29,90', 2),
      row('Totalt', '528,10'),
      row('Varav rabatt', '29,90'),
      row('Öresavrundning', '-0,10'),
      row('Att betala', '528,00'),
      row('Kontant', '528,00'),
      row('Erhållet', '600,00', 2),
      row('Växel', '72,00', 2),
      expect.stringMatching(/^Moms % +Moms +Netto +Brutto$/),
      expect.stringMatching(/^25 +51,80 +207,20 +259,00$/),
      expect.stringMatching(/^6 +15,23 +253,87 +269,10$/),
    ]) {
      expect(out).toContainEqual(expected);
    }
    expect(out.join('\n')).not.toMatch(/KOPIA|ÖVNINGSKVITTO|Fakturaköp|RETUR/);
  });

  it('puts the Nordic letters in the bytes in PC865, never switching code page', () => {
    const bytes = renderReceipt(sampleReceipt());
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 5]);
    expect(bytes.indexOf(Buffer.from([0x1b, 0x74]), 3)).toBe(-1);
    // 'Ö' 0x99, 'ø' 0x9B, 'Ø' 0x9D, 'Å' 0x8F, 'Æ' 0x92 in PC865; never UTF-8.
    for (const b of [0x99, 0x9b, 0x9d, 0x8f, 0x92]) expect(bytes.includes(Buffer.from([b]))).toBe(true);
    expect(bytes.includes(Buffer.from('ö', 'utf8'))).toBe(false);
    expect(print(sampleReceipt()).unknownCommands).toEqual([]);
  });

  it('prints a card sale with the card amount and no rounding or change', () => {
    const out = lines(sampleReceipt({}, { roundingOre: 0, totalDueOre: 52810, changeOre: 0, payments: [{ method: 'card', amountOre: 52810, tenderedOre: null, changeOre: 0 }] }));
    expect(out).toContainEqual(row('Kort', '528,10'));
    expect(out.join('\n')).not.toMatch(/Kontant|Växel|Öresavrundning|Att betala/);
  });

  it('prints a split sale with each method, the cash part rounded, tendered and change', () => {
    const out = lines(
      sampleReceipt({}, {
        changeOre: 2200,
        payments: [
          { method: 'card', amountOre: 30000, tenderedOre: null, changeOre: 0 },
          { method: 'cash', amountOre: 22800, tenderedOre: 25000, changeOre: 2200 },
        ],
      }),
    );
    const at = (s: string) => out.indexOf(s);
    expect(at(row('Kort', '300,00'))).toBeGreaterThan(-1);
    expect(at(row('Kontant', '228,00'))).toBeGreaterThan(at(row('Kort', '300,00')));
    expect(at(row('Erhållet', '250,00', 2))).toBe(at(row('Kontant', '228,00')) + 1);
    expect(at(row('Växel', '22,00', 2))).toBe(at(row('Kontant', '228,00')) + 2);
    expect(out).toContainEqual(row('Öresavrundning', '-0,10'));
  });

  it('says an invoice sale is one, with the customer and the delivery note number', () => {
    const out = lines(sampleReceipt({}, invoiceSale));
    expect(out).toContain('KVITTO');
    expect(out).toContain('Fakturaköp');
    for (const re of [/^Kund: +Øresund Café AB$/, /^Kundnr: +10023$/, /^Org\.nr: +556000-1111$/, /^Följesedel nr: +7$/, /^Er referens: +Åsa Ødegård$/]) {
      expect(out).toContainEqual(expect.stringMatching(re));
    }
    expect(out).toContainEqual(row('Faktura', '528,10'));
    expect(out.join('\n')).not.toMatch(/UTLEVERING/);
  });

  it('prints a return as RETUR, referencing the original receipt, with negative amounts', () => {
    const out = lines(sampleReceipt({}, returnSale));
    expect(out).toContain('RETUR');
    expect(out).toContainEqual(expect.stringMatching(/^Retur av kvitto nr: +41$/));
    expect(out).toContainEqual(expect.stringMatching(/^Kvitto nr: +43$/));
    expect(out).toContainEqual(row('Skruv förzinkad 4x40', '-129,50'));
    expect(out).toContain('  -1 x 129,50');
    expect(out).toContainEqual(row('Totalt', '-129,50'));
    expect(out).toContainEqual(row('Kort', '-129,50'));
    expect(out).not.toContain('KVITTO');
  });

  it('marks a copy with a big KOPIA as the first and last thing printed', () => {
    const decoded = print(sampleReceipt({ copy: true }));
    const marked = decoded.lines.filter((l) => l.text !== '');
    for (const line of [marked[0]!, marked.at(-1)!]) {
      expect(line).toMatchObject({ text: 'KOPIA', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' });
    }
    expect(marked.filter((l) => l.text === 'KOPIA')).toHaveLength(2);
    // Still the whole receipt in between.
    expect(marked.map((l) => l.text)).toContainEqual(expect.stringMatching(/^Kvitto nr: +42$/));
  });

  it('marks a training sale ÖVNINGSKVITTO, not a receipt of sale, at the top and bottom', () => {
    const out = printed(sampleReceipt({}, { training: true }));
    expect(out.slice(0, 2)).toEqual(['ÖVNINGSKVITTO', 'EJ KVITTO PÅ KÖP']);
    expect(out.slice(-2)).toEqual(['ÖVNINGSKVITTO', 'EJ KVITTO PÅ KÖP']);
    const big = print(sampleReceipt({}, { training: true })).lines.find((l) => l.text === 'ÖVNINGSKVITTO')!;
    expect(big).toMatchObject({ bold: true, doubleHeight: true });
  });
});

describe('renderReceipt, Norway', () => {
  const no = (sale: Partial<Sale> = {}, over: Partial<Receipt> = {}) => sampleReceipt({ country: 'NO', ...over }, sale);

  it('prints a cash sale as SALGSKVITTERING with Norwegian labels and the seller as VAT registered', () => {
    const out = lines(no());
    for (const expected of [
      'Järnhandeln Åre',
      'Org.nr 556677-8899 MVA',
      'SALGSKVITTERING',
      expect.stringMatching(/^Dato: +2026-11-23 14:05$/),
      expect.stringMatching(/^Kasse: +Kassa 1$/),
      expect.stringMatching(/^Kvitteringsnr: +42$/),
      expect.stringMatching(/^Kasserer: +Örjan Øster$/),
      row('Rabatt', '-29,90', 2),
      row('Totalt', '528,10'),
      row('Øreavrunding', '-0,10'),
      row('Å betale', '528,00'),
      row('Kontant', '528,00'),
      row('Mottatt', '600,00', 2),
      row('Veksel', '72,00', 2),
      expect.stringMatching(/^MVA % +MVA +Netto +Brutto$/),
      expect.stringMatching(/^25 +51,80 +207,20 +259,00$/),
    ]) {
      expect(out).toContainEqual(expected);
    }
  });

  it('prints card and split sales', () => {
    expect(lines(no({ roundingOre: 0, totalDueOre: 52810, changeOre: 0, payments: [{ method: 'card', amountOre: 52810, tenderedOre: null, changeOre: 0 }] }))).toContainEqual(row('Kort', '528,10'));
    const split = lines(
      no({ changeOre: 2200, payments: [{ method: 'card', amountOre: 30000, tenderedOre: null, changeOre: 0 }, { method: 'cash', amountOre: 22800, tenderedOre: 25000, changeOre: 2200 }] }),
    );
    expect(split).toEqual(expect.arrayContaining([row('Kort', '300,00'), row('Kontant', '228,00'), row('Mottatt', '250,00', 2), row('Veksel', '22,00', 2)]));
  });

  it('prints an invoice (credit) sale as UTLEVERINGSKVITTERING that says it is not a receipt of sale', () => {
    const out = lines(no(invoiceSale));
    expect(out).toContain('UTLEVERINGSKVITTERING');
    expect(out).toContain('IKKE KVITTERING FOR KJØP');
    expect(out).not.toContain('SALGSKVITTERING');
    for (const re of [/^Kunde: +Øresund Café AB$/, /^Kundenr: +10023$/, /^Følgeseddel nr: +7$/, /^Deres referanse: +Åsa Ødegård$/]) {
      expect(out).toContainEqual(expect.stringMatching(re));
    }
    expect(out).toContainEqual(row('Faktura', '528,10'));
  });

  it('prints a return as RETURKVITTERING referencing the original receipt', () => {
    const out = lines(no(returnSale));
    expect(out).toContain('RETURKVITTERING');
    expect(out).toContainEqual(expect.stringMatching(/^Retur av kvittering nr: +41$/));
    expect(out).toContainEqual(row('Totalt', '-129,50'));
  });

  it('marks a copy KOPI and a training sale TRENINGSKVITTERING, top and bottom', () => {
    const copy = printed(no({}, { copy: true }));
    expect([copy[0], copy.at(-1)]).toEqual(['KOPI', 'KOPI']);
    const training = printed(no({ training: true }));
    expect(training.slice(0, 2)).toEqual(['TRENINGSKVITTERING', 'IKKE KVITTERING FOR KJØP']);
    expect(training.slice(-2)).toEqual(['TRENINGSKVITTERING', 'IKKE KVITTERING FOR KJØP']);
  });
});

describe('renderReceipt, an English register', () => {
  it('uses English labels but keeps the country’s legal words, glossed in English', () => {
    const out = printed(sampleReceipt({ language: 'en', copy: true }, { training: true }));
    expect(out.slice(0, 4)).toEqual(['KOPIA', 'COPY', 'ÖVNINGSKVITTO', 'TRAINING RECEIPT']);
    expect(out).toContain('Not a receipt of sale');
    expect(out).toContainEqual(expect.stringMatching(/^Receipt no\.: +42$/));
    expect(out).toContainEqual(row('Total', '528.10'));
    expect(out).toContainEqual(row('Change', '72.00', 2));
    const delivery = printed(sampleReceipt({ language: 'en', country: 'NO' }, invoiceSale));
    expect(delivery).toEqual(expect.arrayContaining(['UTLEVERINGSKVITTERING', 'Delivery receipt', 'IKKE KVITTERING FOR KJØP', 'Not a receipt of sale']));
  });
});

describe('the cash drawer pulse', () => {
  it('sends ESC p 0 25 250 (pin 2, 50 ms on, 500 ms off) once, before the text, when asked', () => {
    const bytes = renderReceipt(sampleReceipt({ openDrawer: true }));
    expect([...DRAWER_PULSE]).toEqual([0x1b, 0x70, 0x00, 25, 250]);
    // Before the first line of text, so the drawer opens while the receipt prints.
    const pulseAt = bytes.indexOf(DRAWER_PULSE);
    expect(pulseAt).toBeGreaterThan(4);
    expect(pulseAt).toBeLessThan(bytes.indexOf(Buffer.from('Org.nr')));
    expect(decodeEscPos(bytes).drawerPulses).toEqual([{ pin: 2, onMs: 50, offMs: 500 }]);
    expect(decodeEscPos(renderReceipt(sampleReceipt())).drawerPulses).toEqual([]);
    expect(bytes.indexOf(Buffer.from([0x1b, 0x70]), pulseAt + 1)).toBe(-1);
  });
});

it('has a [CUT] at the end and fits 58 mm paper', () => {
  expect(text(sampleReceipt())).toMatch(/\[CUT\]$/);
  const narrow = decodeEscPos(renderReceipt(sampleReceipt({ country: 'NO' }, invoiceSale), { width: 32 }));
  for (const l of narrow.lines) expect(l.text.length * (l.doubleWidth ? 2 : 1)).toBeLessThanOrEqual(32);
  expect(narrow.lines.map((l) => l.text)).toContain('UTLEVERINGSKVITTERING');
});
