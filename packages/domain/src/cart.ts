import { DomainError } from './errors';
import { roundHalfAwayFromZero, type Ore } from './money';
import { resolveVatRateBp, vatFromGross, type VatRate } from './vat';

/** percent: bp 0..10000 of the line's list amount; amount: 0..the line's list amount. */
export type Discount = { kind: 'percent'; bp: number } | { kind: 'amount'; ore: Ore };

export interface CartLineInput {
  productId: string;
  name: string;
  unitPriceOre: Ore;
  quantity: number;
  vatCode: string;
  discount?: Discount | null;
}

export interface PricedLine extends CartLineInput {
  /** unit price × quantity */
  listOre: Ore;
  discountOre: Ore;
  /** list − discount, VAT included */
  grossOre: Ore;
  vatRateBp: number;
  vatOre: Ore;
  netOre: Ore;
}

export interface VatSummaryRow {
  rateBp: number;
  grossOre: Ore;
  netOre: Ore;
  vatOre: Ore;
}

export interface CartTotals {
  lines: PricedLine[];
  totalOre: Ore;
  vatOre: Ore;
  netOre: Ore;
  discountOre: Ore;
  /** sorted by rateBp descending, only rates present in the cart */
  vatSummary: VatSummaryRow[];
}

export function priceLine(line: CartLineInput, rates: readonly VatRate[], date: string): PricedLine {
  return priceLineAt(line, rates, date, '');
}

export function priceCart(lines: readonly CartLineInput[], rates: readonly VatRate[], date: string): CartTotals {
  const priced = lines.map((line, i) => priceLineAt(line, rates, date, `lines[${i}].`));
  const sum = (pick: (l: PricedLine) => Ore) => priced.reduce((acc, l) => acc + pick(l), 0);
  return {
    lines: priced,
    totalOre: sum((l) => l.grossOre),
    vatOre: sum((l) => l.vatOre),
    netOre: sum((l) => l.netOre),
    discountOre: sum((l) => l.discountOre),
    vatSummary: summarizeVat(priced),
  };
}

/** VAT per rate from priced lines, sorted by rate descending; also used for stored sales. */
export function summarizeVat(lines: readonly Pick<PricedLine, 'vatRateBp' | 'grossOre' | 'netOre' | 'vatOre'>[]): VatSummaryRow[] {
  const byRate = new Map<number, VatSummaryRow>();
  for (const l of lines) {
    const row = byRate.get(l.vatRateBp) ?? { rateBp: l.vatRateBp, grossOre: 0, netOre: 0, vatOre: 0 };
    row.grossOre += l.grossOre;
    row.netOre += l.netOre;
    // Sum of per-line VAT, so the receipt lines always add up to the summary.
    row.vatOre += l.vatOre;
    byRate.set(l.vatRateBp, row);
  }
  return [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp);
}

function priceLineAt(line: CartLineInput, rates: readonly VatRate[], date: string, prefix: string): PricedLine {
  const { quantity, unitPriceOre } = line;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    const field = `${prefix}quantity`;
    throw new DomainError('QUANTITY_NOT_POSITIVE', `${field}: ${quantity} is not a positive whole number`, field);
  }
  if (!Number.isSafeInteger(unitPriceOre) || unitPriceOre < 0) {
    const field = `${prefix}unitPriceOre`;
    throw new DomainError('INVALID_AMOUNT', `${field}: ${unitPriceOre} is not a non-negative whole number of öre`, field);
  }
  const listOre = unitPriceOre * quantity;
  if (!Number.isSafeInteger(listOre)) {
    const field = `${prefix}quantity`;
    throw new DomainError('INVALID_AMOUNT', `${field}: ${quantity} × ${unitPriceOre} öre is too large`, field);
  }
  const discountOre = discountAmount(line.discount, listOre, `${prefix}discount`);
  const grossOre = listOre - discountOre;

  let vatRateBp: number;
  try {
    vatRateBp = resolveVatRateBp(rates, line.vatCode, date);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const field = `${prefix}vatCode`;
    throw new DomainError(e.code, `${field}: ${e.message}`, field);
  }
  const vatOre = vatFromGross(grossOre, vatRateBp);
  return { ...line, listOre, discountOre, grossOre, vatRateBp, vatOre, netOre: grossOre - vatOre };
}

function discountAmount(discount: Discount | null | undefined, listOre: Ore, field: string): Ore {
  if (discount == null) return 0;
  if (discount.kind === 'percent') {
    const { bp } = discount;
    if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10000) {
      throw new DomainError('INVALID_DISCOUNT', `${field}: ${bp} bp is not between 0 and 10000 (0-100 %)`, field);
    }
    return roundHalfAwayFromZero(listOre * bp, 10000);
  }
  if (discount.kind === 'amount') {
    const { ore } = discount;
    if (!Number.isSafeInteger(ore) || ore < 0 || ore > listOre) {
      throw new DomainError('INVALID_DISCOUNT', `${field}: ${ore} öre is not between 0 and the line amount ${listOre} öre`, field);
    }
    return ore;
  }
  throw new DomainError('INVALID_DISCOUNT', `${field}: unknown discount kind`, field);
}

/**
 * The till's rule for adding a product: the same product again right after itself (scanned twice)
 * adds to the line it just made, unless that line has a discount; anything else is a new line.
 */
export function addToCart<L extends { productId: string; quantity: number; discount?: Discount | null | undefined }>(
  lines: readonly L[],
  productId: string,
  quantity: number,
  newLine: () => L,
): L[] {
  const last = lines.at(-1);
  if (last && last.productId === productId && !last.discount) return [...lines.slice(0, -1), { ...last, quantity: last.quantity + quantity }];
  return [...lines, newLine()];
}
