import type { CartLineInput, InvoiceCustomer, InvoiceDocument, SellerProfile } from '@nota/domain';
import { testCredit as domainTestCredit, testInvoice as domainTestInvoice, type TestInvoiceOptions } from '@nota/domain/test-fixtures';

// Invoice documents made the way the server makes them (priced by the cart rules, then activated),
// so a PDF test sees the same numbers a customer would.

export const SELLER: SellerProfile = {
  name: 'Ångermanlands Museibutik AB',
  orgNumber: '556036-0793',
  vatNumber: 'SE556036079301',
  fTaxApproved: true,
  street: 'Sjögatan 7',
  postalCode: '871 31',
  city: 'Härnösand',
  country: 'SE',
  email: 'ekonomi@museibutik.example',
  phone: '0611-55 12 00',
  bankgiro: '5402-0001',
  plusgiro: null,
  iban: 'SE3550000000054910000003',
  bic: 'ESSESESS',
  paymentTermsDays: 30,
  reference: { kind: 'ocr', lengthDigit: true },
};

export const CUSTOMER: InvoiceCustomer = {
  id: '9d4f2c1a-7b3e-4e8f-a6d5-2c1b0a9e8f71',
  customerNumber: 10_087,
  name: 'Kramfors kommun, Kultur och fritid',
  orgNumber: '212000-2445',
  internal: false,
  externalId: null,
  street: 'Runebergsvägen 1',
  postalCode: '872 80',
  city: 'Kramfors',
  country: 'SE',
  email: 'faktura@kramfors.example',
  phone: null,
  paymentTermsDays: null,
  active: true,
  invoicingEnabled: true,
};

export const LONG_DESCRIPTION =
  'Vävd bonad "Höga kusten" i ull och lin, handtryckt i Ærøskøbing efter förlaga av Øystein Åkesson, ' +
  'inklusive upphängningsstång av ek. ÅÄÖ åäö æø é';

/** Lines at 25 %, 12 % and 6 % (food is 12 % before the April 2026 cut), one of them discounted. */
export const STANDARD_LINES: CartLineInput[] = [
  { productId: 'p-mug', name: 'Mugg Skuleberget', unitPriceOre: 14_950, quantity: 3, vatCode: 'standard', discount: { kind: 'percent', bp: 1_000 } },
  { productId: 'p-coffee', name: 'Kaffe mörkrost 500 g', unitPriceOre: 8_950, quantity: 4, vatCode: 'food' },
  { productId: 'p-book', name: 'Bok: Fjällflora', unitPriceOre: 34_900, quantity: 2, vatCode: 'reduced' },
  { productId: 'p-weave', name: LONG_DESCRIPTION, unitPriceOre: 129_900, quantity: 1, vatCode: 'standard' },
];

/** `count` ordinary lines, numbered so a test can check that none was lost or repeated. */
export function numberedLines(count: number): CartLineInput[] {
  const codes = ['standard', 'food', 'reduced'] as const;
  return Array.from({ length: count }, (_, i) => ({
    productId: `p-${i + 1}`,
    name: `Artikel nummer ${String(i + 1).padStart(3, '0')}`,
    unitPriceOre: 1_000 + 37 * i,
    quantity: 1 + (i % 3),
    vatCode: codes[i % codes.length]!,
  }));
}

export interface FixtureOptions extends Omit<TestInvoiceOptions, 'seller' | 'customer'> {
  soldAt?: string;
  seller?: Partial<SellerProfile>;
  customer?: Partial<InvoiceCustomer>;
}

/** The domain's invoice fixture with this file's seller, buyer, lines and dates. */
export function testInvoice(options: FixtureOptions = {}): InvoiceDocument {
  const { soldAt, seller, customer, ...rest } = options;
  return domainTestInvoice({
    lines: STANDARD_LINES,
    completedAt: soldAt ?? '2026-03-13T14:20:00.000Z',
    today: '2026-03-16',
    receiptNumber: 5_512,
    deliveryNoteNumber: 1_001,
    comment: 'Till utställningen "Ådalen 1931"',
    costCentre: '4100',
    ...rest,
    seller: { ...SELLER, ...seller },
    customer: { ...CUSTOMER, ...customer },
  });
}

/** A credit for the whole of `original`, three days later. */
export const testCredit = (original: InvoiceDocument = testInvoice()) => domainTestCredit(original);
