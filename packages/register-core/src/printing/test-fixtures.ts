import type { DeliveryNote } from './delivery-note';

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
