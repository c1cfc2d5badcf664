import { priceCart, SWEDISH_VAT_RATES, type CartLineInput } from '../index';
import { BAS_DEFAULT_MAPPING, type AccountingMapping } from './accounting-mapping';
import { addDays } from './calendar';
import { activateInvoice, creditInvoice, invoiceContentFromSale, type InvoiceCustomer, type InvoiceDocument, type SaleForInvoice, type SellerProfile } from './invoice';

// Realistic invoice inputs for the domain's own tests and for tests elsewhere (server, PDF, Agresso).

export const TEST_SELLER: SellerProfile = {
  name: 'Malmö Museer Butik',
  orgNumber: '212000-1124',
  vatNumber: 'SE212000112401',
  fTaxApproved: true,
  street: 'Malmöhusvägen 6',
  postalCode: '211 18',
  city: 'Malmö',
  country: 'SE',
  email: 'butik@malmo.example',
  phone: '040-34 44 37',
  bankgiro: '5050-1055',
  plusgiro: null,
  iban: 'SE4550000000058398257466',
  bic: 'ESSESESS',
  paymentTermsDays: 30,
  reference: { kind: 'ocr', lengthDigit: true },
};

export function testCustomer(overrides: Partial<InvoiceCustomer> = {}): InvoiceCustomer {
  return {
    id: '6f1c1f0e-2a6b-4c1e-9b55-0d7a4c3e2b10',
    customerNumber: 10_042,
    name: 'Kultur- och fritidsförvaltningen Åre',
    orgNumber: '212000-2411',
    internal: false,
    externalId: null,
    street: 'Storgatan 1',
    postalCode: '837 52',
    city: 'Åre',
    country: 'SE',
    email: 'faktura@are.example',
    phone: null,
    paymentTermsDays: null,
    active: true,
    invoicingEnabled: true,
    ...overrides,
  };
}

export const TEST_MAPPING: AccountingMapping = {
  ...BAS_DEFAULT_MAPPING,
  vatRates: BAS_DEFAULT_MAPPING.vatRates.map((r) => ({ ...r, taxCode: { 2500: '1', 1200: '2', 600: '3', 0: '0' }[r.rateBp] ?? null })),
  agresso: { ...BAS_DEFAULT_MAPPING.agresso, companyCode: '10', interface: 'NO', voucherType: 'KF', costCentreDimension: 1, customerGroup: '10' },
};

const PRODUCTS: Record<string, Omit<CartLineInput, 'quantity' | 'discount'>> = {
  book: { productId: 'p-book', name: 'Skånes historia (bok)', unitPriceOre: 29_900, vatCode: 'reduced' },
  coffee: { productId: 'p-coffee', name: 'Kaffe bryggt', unitPriceOre: 3_500, vatCode: 'food' },
  mug: { productId: 'p-mug', name: 'Mugg Öresund', unitPriceOre: 14_950, vatCode: 'standard' },
};

/** Books at 6 %, coffee at 12 % (6 % during the food VAT cut), a mug at 25 % with a discount. */
export const TEST_LINES: CartLineInput[] = [
  { ...PRODUCTS.book!, quantity: 2 },
  { ...PRODUCTS.coffee!, quantity: 3 },
  { ...PRODUCTS.mug!, quantity: 1, discount: { kind: 'percent', bp: 1_000 } },
];

export interface TestSaleOptions {
  id?: string;
  receiptNumber?: number;
  deliveryNoteNumber?: number;
  completedAt?: string;
  customer?: InvoiceCustomer;
  lines?: CartLineInput[];
  /** Part paid by card and part in cash (with rounding) at the register, the rest by invoice. */
  split?: boolean;
  buyerReference?: string | null;
  comment?: string | null;
}

/** An invoice sale priced by the real cart rules on the day it was made. */
export function testSale(options: TestSaleOptions = {}): SaleForInvoice {
  const completedAt = options.completedAt ?? '2026-11-20T10:15:00.000Z';
  const customer = options.customer ?? testCustomer();
  const cart = priceCart(options.lines ?? TEST_LINES, SWEDISH_VAT_RATES, completedAt.slice(0, 10));
  const card = options.split ? 10_000 : 0;
  // The cash part of a split sale is rounded to whole kronor, the rounding belonging to the sale.
  const cashExact = options.split ? 2_345 : 0;
  const cashRounded = Math.round(cashExact / 100) * 100;
  const invoice = cart.totalOre - card - cashExact;
  return {
    id: options.id ?? '0b7c3f5e-8d2a-4f6b-a1c9-3e5d7f9b1a20',
    receiptNumber: options.receiptNumber ?? 418,
    completedAt,
    totalOre: cart.totalOre,
    roundingOre: cashRounded - cashExact,
    vatOre: cart.vatOre,
    netOre: cart.netOre,
    lines: cart.lines.map((l, i) => ({
      lineNo: i + 1,
      productId: l.productId,
      sku: l.productId.replace('p-', 'A-').toUpperCase(),
      name: l.name,
      quantity: l.quantity,
      unitPriceOre: l.unitPriceOre,
      discountOre: l.discountOre,
      grossOre: l.grossOre,
      vatRateBp: l.vatRateBp,
      vatOre: l.vatOre,
      netOre: l.netOre,
    })),
    payments: [
      ...(card ? [{ method: 'card' as const, amountOre: card }] : []),
      ...(cashExact ? [{ method: 'cash' as const, amountOre: cashRounded }] : []),
      { method: 'invoice' as const, amountOre: invoice },
    ],
    invoice: {
      customer: { id: customer.id, customerNumber: customer.customerNumber, name: customer.name, orgNumber: customer.orgNumber, externalId: customer.externalId },
      buyerReference: options.buyerReference === undefined ? 'Åsa Öberg' : options.buyerReference,
      comment: options.comment === undefined ? 'Till biblioteket' : options.comment,
      deliveryNoteNumber: options.deliveryNoteNumber ?? 77,
    },
  };
}

export interface TestInvoiceOptions extends Omit<TestSaleOptions, 'customer'> {
  number?: number;
  /** The activation day. */
  today?: string;
  seller?: SellerProfile;
  customer?: InvoiceCustomer;
  costCentre?: string;
  productGroups?: ReadonlyMap<string, string | null>;
}

/** An active invoice made the way the server makes one: sale, draft content, activation. */
export function testInvoice(options: TestInvoiceOptions = {}): InvoiceDocument {
  const customer = options.customer ?? testCustomer();
  const content = invoiceContentFromSale(testSale({ ...options, customer }), {
    registerId: '5f0c8a2e-4d1b-4c3a-9e7f-6b2d1a0c9e8f',
    registerName: 'Kassa 2',
    costCentre: options.costCentre ?? 'MUSEUM',
  });
  if (!content) throw new Error('fixture sale charged nothing by invoice');
  return activateInvoice(content, {
    number: options.number ?? 1_042,
    today: options.today ?? '2026-11-23',
    seller: options.seller ?? TEST_SELLER,
    customer,
    productGroups: options.productGroups ?? new Map(),
  });
}

/** A credit for the whole of `original`, activated three days later with the next number. */
export function testCredit(original: InvoiceDocument = testInvoice(), today = addDays(original.invoiceDate, 3)): InvoiceDocument {
  return creditInvoice(original, 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', { number: original.number + 1, today });
}
