import type { Sale } from '@nota/protocol';
import type { DeliveryNote } from './delivery-note';
import type { Receipt } from './receipt';

/** A note exercising every Nordic letter we promise to print correctly. */
export function sampleNote(overrides: Partial<DeliveryNote> = {}): DeliveryNote {
  return {
    language: 'sv',
    store: { name: 'Järnhandeln Åre', companyName: 'Ærø Bygg AB', orgNumber: '556677-8899', address: 'Storgatan 1, 837 52 Åre' },
    register: { id: 'reg-1', name: 'Kassa 1' },
    number: 'F-1001',
    saleNumber: '5512',
    createdAt: '2024-01-15T13:05:00Z',
    customer: { name: 'Øresund Café AB', customerNumber: '10023', orgNumber: '556000-1111' },
    reference: 'Åsa Ödman',
    comment: 'å ä ö Å Ä Ö æ ø Æ Ø é',
    showPrices: true,
    lines: [
      { name: 'Skruv förzinkad 4x40', quantity: 2, unitPriceOre: 12950, totalOre: 25900 },
      { name: 'Kabel', quantity: 12, unitPriceOre: 123456, totalOre: 1481472 },
    ],
    totalOre: 1507372,
    copy: false,
    ...overrides,
  };
}

/**
 * A Swedish cash sale of two lines (25 % and 6 % VAT, one discounted), its receipt not yet printed.
 * The figures are worked out by hand so a test can check the layout against them.
 */
export function sampleReceipt(overrides: Partial<Receipt> = {}, sale: Partial<Sale> = {}): Receipt {
  return {
    country: 'SE',
    language: 'sv',
    store: { name: 'Järnhandeln Åre', companyName: 'Ærø Bygg AB', orgNumber: '556677-8899', address: 'Storgatan 1, 837 52 Åre' },
    register: { id: 'reg-1', name: 'Kassa 1' },
    cashierName: 'Örjan Øster',
    copy: false,
    openDrawer: false,
    ...overrides,
    sale: {
      id: '00000000-0000-4000-8000-000000000042',
      receiptNumber: 42,
      registerId: 'reg-1',
      userId: 'u-cashier',
      completedAt: '2026-11-23T13:05:00.000Z',
      totalOre: 52810,
      roundingOre: -10,
      totalDueOre: 52800,
      vatOre: 6703,
      netOre: 46107,
      changeOre: 7200,
      lines: [
        { lineNo: 1, productId: 'p-screw', sku: 'S-440', name: 'Skruv förzinkad 4x40', quantity: 2, unitPriceOre: 12950, discountOre: 0, grossOre: 25900, vatRateBp: 2500, vatOre: 5180, netOre: 20720 },
        { lineNo: 2, productId: 'p-book', sku: 'B-1', name: 'Bok: Ålänningar & fjällvärld', quantity: 1, unitPriceOre: 29900, discountOre: 2990, grossOre: 26910, vatRateBp: 600, vatOre: 1523, netOre: 25387 },
      ],
      payments: [{ method: 'cash', amountOre: 52800, tenderedOre: 60000, changeOre: 7200 }],
      vatSummary: [
        { rateBp: 2500, grossOre: 25900, netOre: 20720, vatOre: 5180 },
        { rateBp: 600, grossOre: 26910, netOre: 25387, vatOre: 1523 },
      ],
      invoice: null,
      training: false,
      returnOf: null,
      signature: null,
      ...sale,
    },
  };
}
