import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptText } from './escpos-decoder';

const ESC = 0x1b;
const GS = 0x1d;
const bytes = (...parts: (number[] | string | Buffer)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decodeEscPos', () => {
  it('decodes text with the table of the selected code page', () => {
    const text = 'å ä ö Å Ä Ö æ ø Æ Ø é';
    for (const [page, table] of [[5, 'cp865'], [16, 'cp1252'], [2, 'cp850'], [19, 'cp858']] as const) {
      const decoded = decodeEscPos(bytes([ESC, 0x40, ESC, 0x74, page], iconv.encode(text, table), [0x0a]));
      expect(decoded.lines[0]?.text).toBe(text);
      expect(decoded.codePage).toBe(page);
    }
  });

  it('falls back to PC437 after ESC @, as a printer does', () => {
    // 0x94 is ö in both PC865 and PC437, 0x9b is ø in PC865 but ¢ in PC437.
    const decoded = decodeEscPos(bytes([ESC, 0x74, 5, 0x94, 0x9b, 0x0a, ESC, 0x40, 0x94, 0x9b, 0x0a]));
    expect(decoded.lines.map((l) => l.text)).toEqual(['öø', 'ö¢']);
  });

  it('tracks bold, sizes and alignment per line', () => {
    const decoded = decodeEscPos(
      bytes(
        [ESC, 0x61, 1, ESC, 0x21, 0x30, ESC, 0x45, 1], 'BIG', [0x0a],
        [ESC, 0x21, 0x00], 'plain', [0x0a], // ESC ! also clears bold
        [GS, 0x21, 0x01, ESC, 0x61, 2], 'tall', [0x0a],
        [GS, 0x21, 0x00, ESC, 0x45, 1, ESC, 0x61, 0], 'bold', [0x0a],
      ),
    );
    expect(decoded.lines).toEqual([
      { text: 'BIG', bold: true, doubleHeight: true, doubleWidth: true, align: 'center' },
      { text: 'plain', bold: false, doubleHeight: false, doubleWidth: false, align: 'center' },
      { text: 'tall', bold: false, doubleHeight: true, doubleWidth: false, align: 'right' },
      { text: 'bold', bold: true, doubleHeight: false, doubleWidth: false, align: 'left' },
    ]);
  });

  it('counts every GS V variant as a cut and consumes its parameters', () => {
    const decoded = decodeEscPos(
      bytes('a', [0x0a, GS, 0x56, 0], 'b', [0x0a, GS, 0x56, 49], 'c', [0x0a, GS, 0x56, 65, 3], 'd', [0x0a, GS, 0x56, 66, 0x41], 'e', [0x0a]),
    );
    expect(decoded.cuts).toBe(4);
    expect(receiptText(decoded)).toBe('a\n[CUT]\nb\n[CUT]\nc\n[CUT]\nd\n[CUT]\ne');
  });

  it('skips commands that do not print, including their parameter bytes', () => {
    const decoded = decodeEscPos(
      bytes(
        [0x10, 0x04, 0x04], // DLE EOT 4 status request
        [ESC, 0x2d, 0x41, ESC, 0x4d, 0x41, GS, 0x42, 0x41, ESC, 0x32, ESC, 0x33, 0x41], // 0x41 = 'A' would leak as text
        'x',
        [ESC, 0x64, 2],
      ),
    );
    expect(decoded.lines.map((l) => l.text)).toEqual(['x', '']);
    expect(decoded.unknownCommands).toEqual([]);
  });

  it('reports unknown commands instead of printing them as text', () => {
    const decoded = decodeEscPos(bytes([ESC, 0x7e], 'ok', [GS, 0x99], [0x0a, 0x07]));
    expect(decoded.unknownCommands).toEqual(['ESC 0x7e', 'GS 0x99', 'CTL 0x07']);
    expect(decoded.lines.map((l) => l.text)).toEqual(['ok']);
  });

  it('marks styled lines in receiptText', () => {
    const decoded = decodeEscPos(bytes([ESC, 0x21, 0x18], 'T', [0x0a, ESC, 0x21, 0x20], 'W', [0x0a, ESC, 0x21, 0], 'n   ', [0x0a]));
    expect(receiptText(decoded)).toBe('[B][2H]T\n[2W]W\nn');
  });
});
