import { AgressoDocumentError } from './document-error';

const MAX_ORE = BigInt(Number.MAX_SAFE_INTEGER);

/** Integer öre as Agresso's decimal amount: -492375 -> "-4923.75". */
export function formatAmount(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new AgressoDocumentError(`Amount ${String(ore)} is not a whole number of öre`);
  const abs = Math.abs(ore);
  const cents = abs % 100;
  // (abs - cents) is an exact multiple of 100, so the division is exact even near 2^53.
  const kronor = (abs - cents) / 100;
  return `${ore < 0 ? '-' : ''}${kronor}.${String(cents).padStart(2, '0')}`;
}

// xs:decimal's lexical space: optional sign, digits with an optional point, no exponent.
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** An xs:decimal amount as integer öre, exactly; "4924.0" -> 492400. Refuses fractions of an öre. */
export function parseAmount(text: string): number {
  // xs:decimal collapses whitespace, so " 12.50 " is the same value as "12.50".
  const match = DECIMAL.exec(text.trim());
  const [, sign, whole = '', fraction = ''] = match ?? [];
  if (!match || (whole === '' && fraction === '')) {
    throw new AgressoDocumentError(`"${text}" is not a decimal amount`);
  }
  if (/[^0]/.test(fraction.slice(2))) {
    throw new AgressoDocumentError(`"${text}" has fractions of an öre (more than 2 decimals)`);
  }
  const ore = BigInt(whole || '0') * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  if (ore > MAX_ORE) throw new AgressoDocumentError(`"${text}" is too large an amount`);
  const value = Number(ore);
  // Adding 0 turns "-0.00" into 0 rather than -0.
  return (sign === '-' ? -value : value) + 0;
}
