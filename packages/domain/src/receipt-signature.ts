import { assertOre, type Ore } from './money';
import { norwegianDateTime } from './norwegian-time';

// Norway's receipt signature (kassasystemforskriften): each receipt is signed over a short text that
// chains it to the register's previous receipt. The register signs this text and head office's SAF-T
// Cash Register file reports the same fields, so both build them here and nowhere else.

/** The chain's start: what stands for the previous signature on a register's first signed receipt. */
export const FIRST_PREVIOUS_SIGNATURE = '0';

/** An amount as SAF-T writes it: kroner with two decimals and a point, no grouping (`-16.40`). */
export function saftAmount(ore: Ore): string {
  assertOre(ore, 'amount');
  const abs = Math.abs(ore);
  return `${ore < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export interface SignedReceiptFacts {
  /** The register's previous signed receipt's signature (base64), or null for its first. */
  previousSignature: string | null;
  completedAt: Date | string;
  receiptNumber: number;
  /** With VAT, before cash rounding (SAF-T's transAmntIn). */
  totalOre: Ore;
  /** Without VAT (SAF-T's transAmntEx). */
  netOre: Ore;
}

/** `previousSignature;transDate;transTime;nr;transAmntIn;transAmntEx`, the exact text that is signed. */
export function receiptSignedText(facts: SignedReceiptFacts): string {
  if (!Number.isSafeInteger(facts.receiptNumber) || facts.receiptNumber < 1) {
    throw new RangeError(`receiptNumber: ${facts.receiptNumber} is not a receipt number`);
  }
  const { date, time } = norwegianDateTime(facts.completedAt);
  const previous = facts.previousSignature ?? FIRST_PREVIOUS_SIGNATURE;
  return [previous, date, time, String(facts.receiptNumber), saftAmount(facts.totalOre), saftAmount(facts.netOre)].join(';');
}
