import { DomainError } from './errors';

function assertDigits(value: string, field: string, maxLength: number): void {
  if (!new RegExp(`^\\d{1,${maxLength}}$`).test(value)) {
    throw new DomainError('INVALID_REFERENCE', `${field}: '${value}' must be 1 to ${maxLength} digits`, field);
  }
}

/** The Luhn (mod 10) digit to append to `digits`. */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) {
    throw new DomainError('INVALID_REFERENCE', `digits: '${digits}' must be digits only`, 'digits');
  }
  let sum = 0;
  // Doubling starts at the rightmost digit because the check digit will sit to its right.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    const d = Number(digits[i]) * (double ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Swedish OCR reference: base + optional length digit + Luhn digit. The length digit is the total
 * length (including itself and the check digit) mod 10, as Bankgirot's "hård kontroll" expects.
 */
export function createOcr(base: string, opts?: { lengthDigit?: boolean }): string {
  assertDigits(base, 'base', 23);
  const body = opts?.lengthDigit ? `${base}${(base.length + 2) % 10}` : base;
  return `${body}${luhnCheckDigit(body)}`;
}

export function isValidOcr(ocr: string, opts?: { lengthDigit?: boolean }): boolean {
  const min = opts?.lengthDigit ? 3 : 2;
  if (!/^\d+$/.test(ocr) || ocr.length < min || ocr.length > 25) return false;
  if (opts?.lengthDigit && ocr.at(-2) !== String(ocr.length % 10)) return false;
  return luhnCheckDigit(ocr.slice(0, -1)) === Number(ocr.at(-1));
}

export type KidAlgorithm = 'MOD10' | 'MOD11';

// Hand-rolled rather than norsk-validator's kidnummer(): its MOD10 returns 10 instead of 0 when the
// digit sum is a multiple of 10 (so e.g. '1230' is rejected), and its MOD11 cannot express the '-'
// check digit, so valid KIDs would be refused.
function kidCheck(base: string, algorithm: KidAlgorithm): string {
  if (algorithm === 'MOD10') return String(luhnCheckDigit(base));
  let sum = 0;
  for (let i = base.length - 1, weight = 2; i >= 0; i--, weight = weight === 7 ? 2 : weight + 1) {
    sum += Number(base[i]) * weight;
  }
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? '-' : String(check);
}

/** Norwegian KID: base + MOD10 (Luhn) or MOD11 check; MOD11 remainder 10 gives '-'. */
export function createKid(base: string, algorithm: KidAlgorithm): string {
  assertDigits(base, 'base', 24);
  if (algorithm !== 'MOD10' && algorithm !== 'MOD11') {
    throw new DomainError('INVALID_REFERENCE', `algorithm: '${String(algorithm)}' is not MOD10 or MOD11`, 'algorithm');
  }
  return `${base}${kidCheck(base, algorithm)}`;
}

/** Without an algorithm, a KID valid under either MOD10 or MOD11 is accepted. */
export function isValidKid(kid: string, algorithm?: KidAlgorithm): boolean {
  if (!/^\d{1,24}[\d-]$/.test(kid)) return false;
  const base = kid.slice(0, -1);
  const algorithms: KidAlgorithm[] = algorithm ? [algorithm] : ['MOD10', 'MOD11'];
  return algorithms.some((a) => `${base}${kidCheck(base, a)}` === kid);
}
