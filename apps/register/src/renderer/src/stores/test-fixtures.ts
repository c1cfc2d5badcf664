import { addToCart } from '@nota/domain';
import type { CustomerSummary, Product, RequestOf, ResponseOf, Sale } from '@nota/protocol';

// Small catalogue and customers for store and screen tests. Prices are computed the core's way for
// whole-krona VAT-free checks only: the tests assert on what the fake answers, not on VAT rules.
export const products: Record<string, Product> = {
  coffee: { id: 'p-coffee', sku: '1001', barcode: '7310050001234', name: 'Kaffe bryggt', groupId: 'food', priceOre: 3500, vatCode: 'food', active: true },
  bun: { id: 'p-bun', sku: '1002', barcode: '7310050001241', name: 'Kanelbulle', groupId: 'food', priceOre: 2950, vatCode: 'food', active: true },
  mug: { id: 'p-mug', sku: '4001', barcode: '7350000000019', name: 'Mugg Öresund', groupId: 'goods', priceOre: 14950, vatCode: 'standard', active: true },
};

const byId = new Map(Object.values(products).map((p) => [p.id, p]));

/** A `cart/price` answer: gross = price × quantity − discount; VAT 25 % or 12 % by product's code. */
export function priceCart({ lines }: RequestOf<'cart/price'>): ResponseOf<'cart/price'> {
  const priced = lines.map((l) => {
    const p = byId.get(l.productId)!;
    const listOre = p.priceOre * l.quantity;
    const discountOre = !l.discount ? 0 : l.discount.kind === 'amount' ? l.discount.ore : Math.round((listOre * l.discount.bp) / 10_000);
    const grossOre = listOre - discountOre;
    const vatRateBp = p.vatCode === 'standard' ? 2500 : 1200;
    const vatOre = Math.round((grossOre * vatRateBp) / (10_000 + vatRateBp));
    return { productId: p.id, name: p.name, quantity: l.quantity, unitPriceOre: p.priceOre, listOre, discountOre, grossOre, vatRateBp, vatOre, netOre: grossOre - vatOre };
  });
  const sum = (pick: (l: (typeof priced)[number]) => number) => priced.reduce((a, l) => a + pick(l), 0);
  const rates = [...new Set(priced.map((l) => l.vatRateBp))].sort((a, b) => b - a);
  return {
    lines: priced,
    totalOre: sum((l) => l.grossOre),
    vatOre: sum((l) => l.vatOre),
    netOre: sum((l) => l.netOre),
    discountOre: sum((l) => l.discountOre),
    vatSummary: rates.map((rateBp) => {
      const of = priced.filter((l) => l.vatRateBp === rateBp);
      const s = (pick: (l: (typeof priced)[number]) => number) => of.reduce((a, l) => a + pick(l), 0);
      return { rateBp, grossOre: s((l) => l.grossOre), netOre: s((l) => l.netOre), vatOre: s((l) => l.vatOre) };
    }),
  };
}

export const customers: Record<string, CustomerSummary> = {
  school: {
    id: '11111111-1111-4111-8111-111111111111',
    customerNumber: 1001,
    name: 'Björkskolan',
    orgNumber: '212000-1355',
    city: 'Malmö',
    active: true,
    invoicingEnabled: true,
    purchaseInstruction: 'Köparen ska uppge fullständigt namn och avdelning.',
    invoiceable: true,
  },
  closed: {
    id: '22222222-2222-4222-8222-222222222222',
    customerNumber: 1002,
    name: 'Stängda Föreningen',
    orgNumber: '802000-0000',
    city: 'Lund',
    active: false,
    invoicingEnabled: true,
    purchaseInstruction: null,
    invoiceable: false,
  },
};

/** A `sales/complete` answer built from the request, as the core would store it. */
export function completedSale(req: RequestOf<'sales/complete'>, receiptNumber = 1): Sale {
  const priced = priceCart({ lines: req.lines });
  const customer = req.invoice ? Object.values(customers).find((c) => c.id === req.invoice!.customerId) : undefined;
  const cash = req.payments.find((p) => p.method === 'cash');
  const nonCash = req.payments.reduce((a, p) => a + (p.method === 'cash' ? 0 : p.amountOre), 0);
  const cashDue = cash ? Math.round((priced.totalOre - nonCash) / 100) * 100 : 0;
  const roundingOre = cash ? cashDue - (priced.totalOre - nonCash) : 0;
  const changeOre = cash && cash.method === 'cash' ? cash.tenderedOre - cashDue : 0;
  return {
    id: req.id,
    receiptNumber,
    registerId: 'reg-1',
    userId: 'u-cashier',
    completedAt: '2026-11-27T10:00:00.000Z',
    training: false,
    returnOf: null,
    signature: null,
    totalOre: priced.totalOre,
    roundingOre,
    totalDueOre: priced.totalOre + roundingOre,
    vatOre: priced.vatOre,
    netOre: priced.netOre,
    changeOre,
    lines: priced.lines.map((l, i) => ({ lineNo: i + 1, sku: byId.get(l.productId)!.sku, ...l })).map(({ listOre: _l, ...l }) => l),
    payments: req.payments.map((p) =>
      p.method === 'cash'
        ? { method: 'cash', amountOre: cashDue, tenderedOre: p.tenderedOre, changeOre }
        : { method: p.method, amountOre: p.amountOre, tenderedOre: null, changeOre: 0 },
    ),
    vatSummary: priced.vatSummary,
    invoice: customer
      ? {
          customer: { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, orgNumber: customer.orgNumber, externalId: null },
          buyerReference: req.invoice?.buyerReference ?? null,
          comment: req.invoice?.comment ?? null,
          deliveryNoteNumber: 5001,
        }
      : null,
  };
}

/** A `cart/scan` answer: the product by barcode, added by the till's rule, the cart priced as above. */
export function scanCart({ barcode, lines }: RequestOf<'cart/scan'>): ResponseOf<'cart/scan'> | { ok: false; error: { code: string; message: string; field: string } } {
  const product = Object.values(products).find((p) => p.barcode === barcode);
  if (!product) return { ok: false, error: { code: 'UNKNOWN_PRODUCT', message: `No product has the barcode ${barcode}.`, field: 'barcode' } };
  const scanned = addToCart(lines, product.id, 1, () => ({ productId: product.id, quantity: 1, discount: null }));
  return { product, price: priceCart({ lines: scanned }) };
}
