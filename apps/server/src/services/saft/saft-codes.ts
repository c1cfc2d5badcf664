import { journalCodes } from '@nota/protocol';

// The basic codes the file declares (company/basics) and then refers to: the schema checks every event
// type and line type against them. Our own ids are short words; the predefined ids are Skatteetaten's
// code lists (PredefinedBasicID-04/-11/-12/-13, next to the schema in the reference folder).

export interface Basic {
  basicType: string;
  basicID: string;
  predefinedBasicID?: string;
  basicDesc: string;
}

export const TRANSACTION_KINDS = {
  cashSale: { basicType: '11', basicID: 'CASHSAL', predefinedBasicID: '11001', basicDesc: 'Cash sale' },
  creditSale: { basicType: '11', basicID: 'CREDSAL', predefinedBasicID: '11002', basicDesc: 'Credit sale (invoice), goods handed over with a delivery receipt' },
  returnSale: { basicType: '11', basicID: 'RETURNSAL', predefinedBasicID: '11006', basicDesc: 'Return payment' },
} as const satisfies Record<string, Basic>;

export const LINE_TYPES = {
  sale: { basicType: '05', basicID: 'SAL', basicDesc: 'Sale line' },
  return: { basicType: '05', basicID: 'RET', basicDesc: 'Return line' },
} as const satisfies Record<string, Basic>;

export const PAYMENT_TYPES = {
  cash: { basicType: '12', basicID: 'CASH', predefinedBasicID: '12001', basicDesc: 'Cash' },
  card: { basicType: '12', basicID: 'CARD', predefinedBasicID: '12002', basicDesc: 'Payment card' },
  invoice: { basicType: '12', basicID: 'INVOICE', predefinedBasicID: '12999', basicDesc: 'On account: invoiced to the customer' },
} as const satisfies Record<string, Basic>;

/** Skatteetaten's English names of the event codes the register logs (PredefinedBasicID-13). */
const EVENT_NAMES: Record<string, string> = {
  '13001': 'POS application start',
  '13002': 'POS application shut down',
  '13003': 'Employee log in',
  '13004': 'Employee log out',
  '13005': 'Open cash drawer',
  '13008': 'X report',
  '13009': 'Z report',
  '13010': 'Suspend transaction',
  '13011': 'Resume transaction',
  '13012': 'Sales receipt printed',
  '13013': 'Return receipt',
  '13014': 'Copy receipt',
  '13016': 'Delivery receipt',
  '13017': 'Training receipt',
  '13018': 'Other reports or receipts',
  '13021': 'Price change',
  '13022': 'Price look-up',
  '13023': 'Training mode on',
  '13024': 'Training mode off',
  '13030': 'Concluded sale without receipt printed',
  '13999': 'Other',
};

/** Events are declared under their predefined code, so an event's type is the code itself. */
export const EVENT_TYPES: Basic[] = Object.values(journalCodes).map((code) => ({
  basicType: '13',
  basicID: code,
  predefinedBasicID: code,
  basicDesc: EVENT_NAMES[code] ?? 'Other',
}));

/**
 * A VAT rate's standard tax code (Standard_Tax_Codes.csv, output VAT): Norway's rates are 25 % (3),
 * 15 % (31), 12 % (33) and 0 % (5). A rate between them falls into the class below it.
 */
export function standardVatCode(rateBp: number): string {
  if (rateBp >= 2500) return '3';
  if (rateBp >= 1500) return '31';
  if (rateBp > 0) return '33';
  return '5';
}

/** Our VAT code in the file: the rate in percent (`25`, `15`), so a line reads without a lookup. */
export const vatCodeOf = (rateBp: number): string => (rateBp % 100 === 0 ? String(rateBp / 100) : (rateBp / 100).toFixed(2));
/** `25.00`: Decimal8 with up to three decimals. */
export const vatPercent = (rateBp: number): string => (rateBp / 100).toFixed(2);
