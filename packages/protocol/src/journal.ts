import { z } from 'zod';
import { Count, Id, IsoDateTime, Ore, Text } from './common';
import { RecordKey } from './catalog';

/**
 * What a register logs in its electronic journal: Skatteetaten's event codes
 * (PredefinedBasicID-13 in the SAF-T Cash Register code lists). Sweden keeps the same log.
 */
export const journalCodes = {
  appStart: '13001',
  appStop: '13002',
  signIn: '13003',
  signOut: '13004',
  drawerOpened: '13005',
  xReport: '13008',
  zReport: '13009',
  cartSuspended: '13010',
  cartResumed: '13011',
  receiptPrinted: '13012',
  returnReceipt: '13013',
  copyReceipt: '13014',
  deliveryReceipt: '13016',
  trainingReceipt: '13017',
  otherReport: '13018',
  priceChange: '13021',
  priceLookUp: '13022',
  trainingOn: '13023',
  trainingOff: '13024',
  saleWithoutReceipt: '13030',
  other: '13999',
} as const;
export type JournalCodeName = keyof typeof journalCodes;

export const JournalCode = z.enum(journalCodes);
export type JournalCode = z.infer<typeof JournalCode>;

/** One line of the journal; `seq` is gapless per register, so a missing line shows. */
export const JournalEntry = z.object({
  id: Id,
  seq: Count.min(1),
  code: JournalCode,
  occurredAt: IsoDateTime,
  /** Who was signed in; null for what happens with nobody signed in (application start). */
  userId: RecordKey(100).nullable(),
  /** The sale or return it concerns (a copy, a return receipt), if any. */
  saleId: Id.nullable(),
  amountOre: Ore.nullable(),
  /** A short English note for the log reader (the drawer's reason, the price's old and new value). */
  detail: Text(500).nullable(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
