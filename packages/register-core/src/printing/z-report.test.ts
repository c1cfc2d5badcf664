import type { DayReport } from '@nota/protocol';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder';
import { renderDayReport } from './z-report';

const report: DayReport = {
  kind: 'z',
  number: 7,
  registerId: 'r-1',
  registerName: 'Kassa Ålesund',
  country: 'NO',
  periodStart: '2026-11-26T17:00:00.000Z',
  producedAt: '2026-11-27T17:05:00.000Z',
  userId: 'u-bjorn',
  figures: {
    floatOre: 100_000,
    receiptCount: 4,
    firstReceiptNumber: 11,
    lastReceiptNumber: 14,
    sales: { count: 3, grossOre: 123_450 },
    returns: { count: 1, amountOre: 14_950 },
    netSalesOre: 108_500,
    vatRates: [{ rateBp: 2500, grossOre: 108_500, netOre: 86_800, vatOre: 21_700 }],
    payments: [
      { method: 'cash', count: 2, amountOre: 50_000 },
      { method: 'invoice', count: 1, amountOre: 58_500 },
    ],
    groups: [{ groupId: 'g', name: 'Bøker', quantity: 2, grossOre: 108_500 }],
    discountOre: 1_000,
    roundingOre: -20,
    copies: 1,
    training: { count: 2, amountOre: 44_850 },
    drawerOpeningsWithoutSale: 3,
    invoices: { count: 1, amountOre: 58_500, deliveryNotes: 1, list: [{ receiptNumber: 13, deliveryNoteNumber: 5, customerName: 'Ærø Bygg AS', amountOre: 58_500 }] },
    cash: { floatOre: 100_000, cashInOre: 70_000, changeOre: 5_050, refundsOre: 14_950, expectedOre: 150_000, countedOre: 149_700, differenceOre: -300 },
    grandTotalOre: 12_345_678_90,
  },
};

const lines = (bytes: Buffer) => decodeEscPos(bytes).lines.map((l) => l.text);

describe('the X and Z report print', () => {
  it('prints a Norwegian Z report with every figure, the letters right in the PC865 bytes', () => {
    const bytes = renderDayReport(report, 'nb');
    const decoded = decodeEscPos(bytes);
    expect(decoded.codePage).toBe(5);
    expect(decoded.unknownCommands).toEqual([]);
    expect(decoded.cuts).toBe(1);
    // 'Ø' is 0x9D in PC865, never two UTF-8 bytes.
    expect(bytes.includes(Buffer.from([0x9d]))).toBe(true);
    expect(bytes.includes(Buffer.from('Ø', 'utf8'))).toBe(false);
    const text = lines(bytes);
    const row = (label: string, value: string) => label + value.padStart(48 - label.length);
    expect(decoded.lines.find((l) => l.text === 'Z-RAPPORT 7')).toMatchObject({ bold: true, doubleHeight: true, align: 'center' });
    expect(text).toEqual(
      expect.arrayContaining([
        row('Kasse', 'Kassa Ålesund'),
        row('Kvitteringsnummer', '11-14'),
        row('Salg (3)', '1 234,50'),
        row('Returer (1)', '-149,50'),
        row('Nettosalg', '1 085,00'),
        row('25 % MVA', '217,00'),
        row('Kontant (2)', '500,00'),
        row('Bøker (2)', '1 085,00'),
        row('Øreavrunding', '-0,20'),
        row('Kvitteringskopier', '1'),
        row('Treningskvitteringer (2)', '448,50'),
        row('Skuffåpninger uten salg', '3'),
        row('  13/5 Ærø Bygg AS', '585,00'),
        row('Forventet i kassen', '1 500,00'),
        row('Opptalt', '1 497,00'),
        row('Differanse', '-3,00'),
        row('Grand total', '12 345 678,90'),
      ]),
    );
  });

  it('prints an X report in Swedish and English, without a count it does not have', () => {
    const x: DayReport = { ...report, kind: 'x', number: null, country: 'SE', figures: { ...report.figures, cash: { ...report.figures.cash, countedOre: null, differenceOre: null } } };
    const sv = lines(renderDayReport(x, 'sv'));
    expect(sv[0]).toBe('X-RAPPORT');
    expect(sv).toContain('Öresavrundning' + '-0,20'.padStart(48 - 'Öresavrundning'.length));
    expect(sv.some((l) => l.startsWith('Differens'))).toBe(false);
    const en = lines(renderDayReport(x, 'en'));
    expect(en[0]).toBe('X REPORT');
    expect(en).toContain('Grand total' + '12,345,678.90'.padStart(48 - 'Grand total'.length));
    expect(en).toContain('Drawer openings without sale' + '3'.padStart(48 - 'Drawer openings without sale'.length));
  });
});
