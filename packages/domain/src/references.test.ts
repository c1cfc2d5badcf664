import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKid, createOcr, isValidKid, isValidOcr, luhnCheckDigit } from './references';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('luhnCheckDigit', () => {
  it('matches published and hand-computed examples', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the classic Wikipedia example
    expect(luhnCheckDigit('556036079')).toBe(3); // Volvo's organisationsnummer 556036-0793
    expect(luhnCheckDigit('123')).toBe(0); // digit sum 10: check must be 0, not 10
    expect(luhnCheckDigit('0')).toBe(0);
  });

  it('refuses anything but digits', () => {
    expect(() => luhnCheckDigit('')).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
    expect(() => luhnCheckDigit('12a')).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
  });
});

describe('OCR', () => {
  it('appends a Luhn digit, and a length digit when asked', () => {
    expect(createOcr('1234567890')).toBe('12345678903');
    expect(createOcr('123456')).toBe('1234566');
    // body 123456 + length 8 (8 digits in all) -> Luhn('1234568') = 2
    expect(createOcr('123456', { lengthDigit: true })).toBe('12345682');
    // 10 digits in all -> length digit 0; Luhn('123456780') = 6
    expect(createOcr('12345678', { lengthDigit: true })).toBe('1234567806');
  });

  it('validates the check digit and, when asked, the length digit', () => {
    expect(isValidOcr('12345678903')).toBe(true);
    expect(isValidOcr('12345678904')).toBe(false);
    expect(isValidOcr('12345682', { lengthDigit: true })).toBe(true);
    // '12345674' passes Luhn but its second-to-last digit 7 is not its length 8.
    expect(isValidOcr('12345674')).toBe(true);
    expect(isValidOcr('12345674', { lengthDigit: true })).toBe(false);
    expect(isValidOcr('1234 5682')).toBe(false);
    expect(isValidOcr('')).toBe(false);
    expect(isValidOcr('0'.repeat(26))).toBe(false);
  });

  it('limits the base to 1..23 digits', () => {
    expect(createOcr('1'.repeat(23), { lengthDigit: true })).toHaveLength(25);
    for (const base of ['', '1'.repeat(24), '12-34', '12 34']) {
      expect(() => createOcr(base)).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE', field: 'base' }));
    }
  });

  it('creates valid OCRs, and any single changed digit is caught', () => {
    fc.assert(
      fc.property(digits(1, 23), fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 9 }), (base, lengthDigit, pos, delta) => {
        const ocr = createOcr(base, { lengthDigit });
        const i = pos % ocr.length;
        const changed = ocr.slice(0, i) + String((Number(ocr[i]) + delta) % 10) + ocr.slice(i + 1);
        return isValidOcr(ocr, { lengthDigit }) && !isValidOcr(changed, { lengthDigit });
      }),
    );
  });
});

describe('KID', () => {
  it('creates MOD10 (Luhn) KIDs, including check digit 0', () => {
    expect(createKid('1234567890', 'MOD10')).toBe('12345678903');
    expect(createKid('123', 'MOD10')).toBe('1230');
  });

  it('creates MOD11 KIDs with weights 2..7 from the right', () => {
    expect(createKid('123', 'MOD11')).toBe('1236'); // 3·2 + 2·3 + 1·4 = 16; 11 - 5 = 6
    expect(createKid('14', 'MOD11')).toBe('140'); // 4·2 + 1·3 = 11; remainder 0 -> 0
    expect(createKid('6', 'MOD11')).toBe('6-'); // 6·2 = 12; 11 - 1 = 10 -> '-'
    // 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·2 + 1·3 = 138; weights wrap after 7; 11 - 138 mod 11 = 5
    expect(createKid('12345678', 'MOD11')).toBe('123456785');
  });

  it('validates under the given algorithm, or either when omitted', () => {
    expect(isValidKid('1230', 'MOD10')).toBe(true);
    expect(isValidKid('1230', 'MOD11')).toBe(false);
    expect(isValidKid('1236', 'MOD11')).toBe(true);
    expect(isValidKid('1236', 'MOD10')).toBe(false);
    expect(isValidKid('1230')).toBe(true);
    expect(isValidKid('1236')).toBe(true);
    expect(isValidKid('1231')).toBe(false);
    expect(isValidKid('6-')).toBe(true);
    expect(isValidKid('6-', 'MOD10')).toBe(false);
    expect(isValidKid('1-3')).toBe(false);
    expect(isValidKid('')).toBe(false);
  });

  it('limits the base to 1..24 digits', () => {
    expect(createKid('9'.repeat(24), 'MOD10')).toHaveLength(25);
    expect(() => createKid('9'.repeat(25), 'MOD10')).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
    expect(() => createKid('12a', 'MOD11')).toThrow(expect.objectContaining({ code: 'INVALID_REFERENCE' }));
  });

  it('creates KIDs that validate under their algorithm', () => {
    fc.assert(
      fc.property(digits(1, 24), fc.constantFrom('MOD10' as const, 'MOD11' as const), (base, algorithm) =>
        isValidKid(createKid(base, algorithm), algorithm),
      ),
    );
  });
});
