/**
 * What a barcode on a product may be: visible characters without spaces, as scanners send them.
 * A GS1 number (EAN-8, UPC-A, EAN-13, GTIN-14) also carries a check digit; one that does not add up
 * is most likely mistyped, and is pointed out so a person can look again (a store's own codes and
 * numbers printed before are taken as they are).
 */
export type BarcodeProblem = 'BARCODE_CHARACTERS';

const GS1_LENGTHS = new Set([8, 12, 13, 14]);

/** The GS1 check digit of `body` (the number without its last digit). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Weights 3, 1, 3, … counted from the right-hand end of the body.
    const weight = (body.length - i) % 2 === 1 ? 3 : 1;
    sum += Number(body[i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Why `code` cannot be a product's barcode, or null when it can. */
export function barcodeProblem(code: string): BarcodeProblem | null {
  return /^[\x21-\x7E]{1,64}$/.test(code) ? null : 'BARCODE_CHARACTERS';
}

/** True for a GS1-length number whose last digit is not its check digit: probably a typing mistake. */
export function gs1CheckDigitWrong(code: string): boolean {
  if (!/^\d+$/.test(code) || !GS1_LENGTHS.has(code.length)) return false;
  return gs1CheckDigit(code.slice(0, -1)) !== Number(code.at(-1));
}
