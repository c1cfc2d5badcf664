import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fitToCodePage, RECEIPT_ENCODING } from './codepage';

describe('fitToCodePage', () => {
  it('keeps the Nordic letters, which PC865 has', () => {
    expect(fitToCodePage('å ä ö Å Ä Ö æ ø Æ Ø é')).toBe('å ä ö Å Ä Ö æ ø Æ Ø é');
  });

  it('replaces characters PC865 lacks so the library never switches code page', () => {
    const out = fitToCodePage('5 € – “bäst” Škoda ✓');
    expect(out).toBe('5 EUR - "bäst" Skoda ?');
    // Round-trips through PC865 unchanged, i.e. nothing in it needs another page.
    expect(iconv.decode(iconv.encode(out, RECEIPT_ENCODING), RECEIPT_ENCODING)).toBe(out);
  });

  it('drops control characters that would otherwise be executed as printer commands', () => {
    expect(fitToCodePage('a\x1bd\x05b')).toBe('adb');
  });
});
