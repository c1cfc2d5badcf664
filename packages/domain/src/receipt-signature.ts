import { assertOre, type Ore } from './money';

// Norway's receipt signature (kassasystemforskriften): each receipt is signed over a short text that
// chains it to the register's previous receipt. The register signs this text and head office's SAF-T
// Cash Register file reports the same fields, so both build them here and nowhere else.

/** The chain's start: what stands for the previous signature on a register's first signed receipt. */
export const FIRST_PREVIOUS_SIGNATURE = '0';

/** Norwegian receipts and the SAF-T file give the time on the store's wall clock. */
const NORWEGIAN_TIME_ZONE = 'Europe/Oslo';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: NORWEGIAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A moment as the SAF-T file writes it: `YYYY-MM-DD` and `HH:MM:SS`, Norwegian local time. */
export function norwegianDateTime(at: Date | string): { date: string; time: string } {
  const moment = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(moment.getTime())) throw new RangeError(`not a moment: ${String(at)}`);
  const p = Object.fromEntries(parts.formatToParts(moment).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

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
