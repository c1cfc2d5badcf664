import { fitToCharset, type Charset } from '@nota/domain';
import iconv from 'iconv-lite';

/**
 * ESC t n code page numbers (Epson numbering) and the iconv-lite table that decodes them.
 * Only tables iconv-lite really has are listed, so a decoder never guesses.
 */
export const ESC_POS_CODE_PAGES: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  13: 'cp857',
  14: 'cp737',
  15: 'iso-8859-7',
  16: 'cp1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  44: 'cp1125',
  45: 'cp1250',
  46: 'cp1251',
  47: 'cp1253',
  48: 'cp1254',
  49: 'cp1255',
  50: 'cp1256',
  51: 'cp1257',
  52: 'cp1258',
};

/**
 * PC865 (Nordic) has every letter we must print (å ä ö Å Ä Ö æ ø Æ Ø é) and, unlike WPC1252,
 * is present under the same number on practically every ESC/POS printer including cheap clones.
 * PC437 (the power-on default) lacks ø and Ø, so the page must always be selected explicitly.
 */
export const RECEIPT_CODE_PAGE = 5;
export const RECEIPT_ENCODING = 'cp865';

// Characters that are common in pasted product names but absent from PC865; a readable stand-in
// beats the '?' the printer would otherwise print.
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '€': 'EUR',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\t': ' ',
};

const PC865: Charset = {
  encodable(ch) {
    // iconv-lite maps anything a table lacks to '?', so a '?' that was not a '?' means "missing".
    return ch === '?' || iconv.decode(iconv.encode(ch, RECEIPT_ENCODING), RECEIPT_ENCODING) === ch;
  },
  substitutes: SUBSTITUTES,
};

/**
 * Makes text printable in the receipt code page without leaving it.
 * node-thermal-printer silently switches to whatever page it first finds a missing character in
 * (e.g. '€' → ESC t 15 ISO8859-7 Greek, then 'å' → ESC t 0 PC437) and never switches back, which
 * many printers do not support; keeping every character inside PC865 avoids that entirely.
 */
export const fitToCodePage = (text: string): string => fitToCharset(text, PC865);
