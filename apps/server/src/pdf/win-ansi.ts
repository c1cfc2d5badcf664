import { fitToCharset, type Charset } from '@nota/domain';

// The PDF's built-in Helvetica is WinAnsi-encoded, so it has one byte per character. pdfkit writes
// a character outside that table as its bare hex code point ('ő' becomes '151'), which shifts
// every following byte of the string: the rest of the line comes out as garbage.

/** Code points above 0xFF that WinAnsi has in its 0x80–0x9F block (the map pdfkit encodes with). */
const WIN_ANSI_EXTRAS = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™Œœ˜ŠšŸŽž');

// Characters pasted from word processors and phones that have a close WinAnsi stand-in.
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '−': '-',
  '‐': '-',
  '‑': '-',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\t': ' ',
};

const WIN_ANSI: Charset = {
  encodable(ch) {
    const code = ch.codePointAt(0)!;
    return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch);
  },
  substitutes: SUBSTITUTES,
};

/** Text the built-in fonts can show: Nordic letters pass unchanged, other accents lose them, the rest becomes '?'. */
export const fitToWinAnsi = (text: string): string => fitToCharset(text, WIN_ANSI);
