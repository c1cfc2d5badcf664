/** What a one-byte character set can show, and readable stand-ins for common characters it lacks. */
export interface Charset {
  encodable(ch: string): boolean;
  substitutes: Readonly<Record<string, string>>;
}

/**
 * Text a one-byte character set (a receipt printer's code page, a PDF font's encoding) can show:
 * what it has passes unchanged, a known stand-in replaces what it lacks, an accented letter it lacks
 * keeps its base letter, control characters are dropped and anything else becomes '?'. Line
 * breaks are kept. Decomposed letters (as some keyboards type them) are composed first.
 */
export function fitToCharset(text: string, charset: Charset): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\n') {
      out += ch;
      continue;
    }
    const code = ch.codePointAt(0)!;
    // Control bytes would be executed by a printer, and have no glyph in a font.
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      const substitute = charset.substitutes[ch];
      if (substitute !== undefined) out += substitute;
      continue;
    }
    if (charset.encodable(ch)) {
      out += ch;
      continue;
    }
    const substitute = charset.substitutes[ch];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += base !== '' && [...base].every((c) => charset.encodable(c)) ? base : '?';
  }
  return out;
}
