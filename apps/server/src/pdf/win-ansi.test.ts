import { describe, expect, it } from 'vitest';
import { fitToWinAnsi } from './win-ansi';

describe('fitToWinAnsi', () => {
  it('keeps the Nordic letters and the WinAnsi punctuation', () => {
    expect(fitToWinAnsi('Ærø Ødegård åäö ÅÄÖ é à-pris 1 234,50 € “citat” – … ©')).toBe('Ærø Ødegård åäö ÅÄÖ é à-pris 1 234,50 € “citat” – … ©');
  });

  it('composes decomposed letters, as typed on a Mac, before deciding', () => {
    expect(fitToWinAnsi('A\u030angstro\u0308m')).toBe('Ångström');
  });

  it('drops the accent of letters outside the table and replaces what has no base letter', () => {
    expect(fitToWinAnsi('Őrség Łódź 東京')).toBe('Orség ?ódz ??');
  });

  it('turns typographic minus and thin spaces into their plain forms', () => {
    expect(fitToWinAnsi('\u22121\u202f234\u2009kr\tnetto')).toBe('-1 234 kr netto');
  });

  it('keeps line breaks and drops other control characters', () => {
    expect(fitToWinAnsi('rad 1\r\nrad 2\u0007\u0085')).toBe('rad 1\nrad 2');
  });
});
