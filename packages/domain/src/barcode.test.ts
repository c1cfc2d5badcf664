import { describe, expect, it } from 'vitest';
import { barcodeProblem, gs1CheckDigit, gs1CheckDigitWrong } from './barcode';

describe('barcodes', () => {
  it('finds GS1 numbers whose check digit is right: EAN-13, EAN-8, UPC-A, GTIN-14', () => {
    for (const code of ['7310050001234', '4006381333931', '96385074', '036000291452', '10012345678902']) {
      expect(gs1CheckDigitWrong(code), code).toBe(false);
      expect(barcodeProblem(code), code).toBeNull();
    }
    expect(gs1CheckDigit('731005000123')).toBe(4);
  });

  it('points out a GS1 number with a wrong check digit, but lets a store’s own numbers be', () => {
    expect(gs1CheckDigitWrong('7310050001235')).toBe(true);
    expect(gs1CheckDigitWrong('96385075')).toBe(true);
    expect(gs1CheckDigitWrong('12345')).toBe(false);
    expect(gs1CheckDigitWrong('ART-00017')).toBe(false);
  });

  it('refuses spaces, control and non-ASCII characters, and more than 64 characters', () => {
    expect(barcodeProblem('ART-00017')).toBeNull();
    expect(barcodeProblem('ART 17')).toBe('BARCODE_CHARACTERS');
    expect(barcodeProblem('Å123')).toBe('BARCODE_CHARACTERS');
    expect(barcodeProblem('12\n3')).toBe('BARCODE_CHARACTERS');
    expect(barcodeProblem('')).toBe('BARCODE_CHARACTERS');
    expect(barcodeProblem('1'.repeat(65))).toBe('BARCODE_CHARACTERS');
  });
});
