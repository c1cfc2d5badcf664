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

function encodable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch);
}

/** Text the built-in fonts can show: Nordic letters pass unchanged, other accents lose them, the rest becomes '?'. */
export function fitToWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\n' || encodable(ch)) {
      out += ch;
      continue;
    }
    const substitute = SUBSTITUTES[ch];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue; // control characters have no glyph
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && [...base].every(encodable) ? base : '?';
  }
  return out;
}
