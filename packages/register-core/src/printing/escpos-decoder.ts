import iconv from 'iconv-lite';
import { ESC_POS_CODE_PAGES } from './codepage';

export interface DecodedLine {
  /** Text as printed, trailing spaces dropped (they are invisible on paper). */
  text: string;
  bold: boolean;
  doubleHeight: boolean;
  doubleWidth: boolean;
  align: 'left' | 'center' | 'right';
}

export interface DecodedReceipt {
  lines: DecodedLine[];
  cuts: number;
  /** For each cut, how many lines were printed before it (lets receiptText place '[CUT]'). */
  cutsAt?: number[];
  /** Cash drawer pulses (ESC p m t1 t2), in order: the pin (2 or 5) and the on and off times in ms. */
  drawerPulses: { pin: 2 | 5; onMs: number; offMs: number }[];
  /** The code page last selected with ESC t, or null when the bytes never select one. */
  codePage: number | null;
  unknownCommands: string[];
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const FS = 0x1c;
const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;

type Align = DecodedLine['align'];

interface Style {
  bold: boolean;
  doubleHeight: boolean;
  doubleWidth: boolean;
  align: Align;
}

// ESC commands that only change things we do not model (underline, font, spacing, ...), by the
// number of parameter bytes that follow the command byte.
const IGNORED_ESC_PARAMS: Readonly<Record<number, number>> = {
  0x2d: 1, // ESC - n underline
  0x4d: 1, // ESC M n font
  0x32: 0, // ESC 2 default line spacing
  0x33: 1, // ESC 3 n line spacing
  0x20: 1, // ESC SP n right-side character spacing
  0x47: 1, // ESC G n double-strike
  0x52: 1, // ESC R n international character set
  0x7b: 1, // ESC { n upside down
  0x56: 1, // ESC V n rotation
  0x3d: 1, // ESC = n select peripheral
  0x4a: 1, // ESC J n feed n dots
  0x42: 2, // ESC B n t beep
  0x63: 2, // ESC c 5 n etc. panel switches (ESC c 3/4/5 n)
  0x55: 1, // ESC U n unidirectional printing
  0x3f: 1, // ESC ? n cancel user-defined characters
  0x25: 1, // ESC % n user-defined character set
};

const IGNORED_GS_PARAMS: Readonly<Record<number, number>> = {
  0x42: 1, // GS B n reverse (white on black)
  0x48: 1, // GS H n barcode HRI position
  0x66: 1, // GS f n HRI font
  0x68: 1, // GS h n barcode height
  0x77: 1, // GS w n barcode width
  0x72: 1, // GS r n transmit status
  0x61: 1, // GS a n automatic status back
  0x7c: 1, // GS | n print density
  0x4c: 2, // GS L nL nH left margin
  0x57: 2, // GS W nL nH print area width
  0x62: 1, // GS b n smoothing
};

/** Decodes the ESC/POS subset Nota emits (see delivery-note.ts) back into printed lines. */
export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const lines: DecodedLine[] = [];
  const cutsAt: number[] = [];
  const unknownCommands: string[] = [];
  const drawerPulses: DecodedReceipt['drawerPulses'] = [];
  let selectedCodePage: number | null = null;
  // ESC @ returns the printer to its power-on page, which is PC437 on stock Epson printers.
  let activeCodePage = 0;
  let style: Style = { bold: false, doubleHeight: false, doubleWidth: false, align: 'left' };
  let lineText = '';
  // Style of a line is taken when its first character arrives: alignment is only honoured at the
  // start of a line on Epson printers, and a mid-line style change is not something we emit.
  let lineStyle: Style | null = null;
  let pending: number[] = [];

  const encodingOf = (page: number): string => ESC_POS_CODE_PAGES[page] ?? 'cp437';
  const flushText = (): void => {
    if (pending.length === 0) return;
    lineText += iconv.decode(Buffer.from(pending), encodingOf(activeCodePage));
    pending = [];
  };
  const endLine = (): void => {
    flushText();
    const s = lineStyle ?? style;
    lines.push({ text: lineText.replace(/ +$/, ''), bold: s.bold, doubleHeight: s.doubleHeight, doubleWidth: s.doubleWidth, align: s.align });
    lineText = '';
    lineStyle = null;
  };
  const hasPendingLine = (): boolean => pending.length > 0 || lineText !== '';
  const reset = (): void => {
    style = { bold: false, doubleHeight: false, doubleWidth: false, align: 'left' };
    activeCodePage = 0;
  };
  const hex = (b: number | undefined): string => (b === undefined ? '<end>' : `0x${b.toString(16).padStart(2, '0')}`);
  const alignOf = (n: number): Align => (n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : 'left');

  let i = 0;
  const byteAt = (k: number): number | undefined => bytes[k];
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b >= 0x20 && b !== 0x7f) {
      if (lineStyle === null) lineStyle = { ...style };
      pending.push(b);
      i++;
      continue;
    }
    // Any command may change the code page or style, so decode what came before under the old one.
    flushText();
    if (b === LF) {
      endLine();
      i++;
    } else if (b === CR) {
      i++; // Epson ignores CR unless auto line feed is switched on
    } else if (b === HT) {
      if (lineStyle === null) lineStyle = { ...style };
      lineText += ' ';
      i++;
    } else if (b === ESC) {
      const cmd = byteAt(i + 1);
      const n = byteAt(i + 2);
      if (cmd === 0x40) {
        reset();
        i += 2;
      } else if (cmd === 0x74 && n !== undefined) {
        if (ESC_POS_CODE_PAGES[n] === undefined) unknownCommands.push(`ESC t ${n} (code page not decodable, shown as PC437)`);
        selectedCodePage = n;
        activeCodePage = n;
        i += 3;
      } else if (cmd === 0x45 && n !== undefined) {
        style.bold = (n & 1) === 1;
        i += 3;
      } else if (cmd === 0x21 && n !== undefined) {
        // ESC ! rewrites emphasis along with the size bits: a common cause of lost bold text.
        style.bold = (n & 0x08) !== 0;
        style.doubleHeight = (n & 0x10) !== 0;
        style.doubleWidth = (n & 0x20) !== 0;
        i += 3;
      } else if (cmd === 0x70 && i + 5 <= bytes.length) {
        // ESC p m t1 t2: m 0/48 is drawer pin 2, 1/49 pin 5; times are in units of 2 ms.
        drawerPulses.push({ pin: n === 1 || n === 0x31 ? 5 : 2, onMs: bytes[i + 3]! * 2, offMs: bytes[i + 4]! * 2 });
        i += 5;
      } else if (cmd === 0x61 && n !== undefined) {
        style.align = alignOf(n);
        i += 3;
      } else if (cmd === 0x64 && n !== undefined) {
        // ESC d n prints the buffer and feeds n lines, i.e. n line feeds (0 just prints).
        if (n === 0) {
          if (hasPendingLine()) endLine();
        } else {
          for (let k = 0; k < n; k++) endLine();
        }
        i += 3;
      } else if (cmd !== undefined && IGNORED_ESC_PARAMS[cmd] !== undefined && i + 2 + IGNORED_ESC_PARAMS[cmd] <= bytes.length) {
        i += 2 + IGNORED_ESC_PARAMS[cmd];
      } else {
        unknownCommands.push(`ESC ${hex(cmd)}`);
        i += cmd === undefined ? 1 : 2;
      }
    } else if (b === GS) {
      const cmd = byteAt(i + 1);
      const n = byteAt(i + 2);
      if (cmd === 0x21 && n !== undefined) {
        style.doubleWidth = (n & 0xf0) !== 0;
        style.doubleHeight = (n & 0x0f) !== 0;
        i += 3;
      } else if (cmd === 0x56 && n !== undefined) {
        if (hasPendingLine()) endLine();
        cutsAt.push(lines.length);
        // GS V m: m 0/1/48/49 take no more bytes; 65/66 (feed then cut) and 97..104 take n.
        i += n >= 65 ? 4 : 3;
      } else if (cmd === 0x28 && n !== undefined) {
        // GS ( fn pL pH data: 2D codes and other functions; skipping keeps their data out of the text.
        const len = (byteAt(i + 3) ?? 0) + (byteAt(i + 4) ?? 0) * 256;
        i += 5 + len;
      } else if (cmd === 0x76 && n === 0x30) {
        // GS v 0 m xL xH yL yH raster image
        const w = (byteAt(i + 4) ?? 0) + (byteAt(i + 5) ?? 0) * 256;
        const h = (byteAt(i + 6) ?? 0) + (byteAt(i + 7) ?? 0) * 256;
        if (lineStyle === null) lineStyle = { ...style };
        lineText += '[IMAGE]';
        i += 8 + w * h;
      } else if (cmd === 0x6b && n !== undefined) {
        // GS k m: m 0..6 NUL-terminated data, m 65..79 length-prefixed data
        let end: number;
        if (n <= 6) {
          end = i + 3;
          while (end < bytes.length && bytes[end] !== 0) end++;
          end++;
        } else {
          end = i + 4 + (byteAt(i + 3) ?? 0);
        }
        if (lineStyle === null) lineStyle = { ...style };
        lineText += '[BARCODE]';
        i = end;
      } else if (cmd !== undefined && IGNORED_GS_PARAMS[cmd] !== undefined && i + 2 + IGNORED_GS_PARAMS[cmd] <= bytes.length) {
        i += 2 + IGNORED_GS_PARAMS[cmd];
      } else {
        unknownCommands.push(`GS ${hex(cmd)}`);
        i += cmd === undefined ? 1 : 2;
      }
    } else if (b === DLE) {
      const cmd = byteAt(i + 1);
      if ((cmd === 0x04 || cmd === 0x05) && byteAt(i + 2) !== undefined) {
        i += 3; // DLE EOT n / DLE ENQ n: real-time status requests, nothing is printed
      } else if (cmd === 0x14) {
        i += 5; // DLE DC4 fn a b: real-time pulse
      } else {
        unknownCommands.push(`DLE ${hex(cmd)}`);
        i += cmd === undefined ? 1 : 2;
      }
    } else if (b === FS) {
      const cmd = byteAt(i + 1);
      if (cmd === 0x2e) {
        i += 2; // FS . cancel Kanji mode
      } else {
        unknownCommands.push(`FS ${hex(cmd)}`);
        i += cmd === undefined ? 1 : 2;
      }
    } else {
      unknownCommands.push(`CTL ${hex(b)}`);
      i++;
    }
  }
  if (hasPendingLine()) endLine();
  return { lines, cuts: cutsAt.length, cutsAt, drawerPulses, codePage: selectedCodePage, unknownCommands };
}

/**
 * Human-readable dump for tests and the dev printer: bold lines get '[B]', double size '[2H]'/'[2W]',
 * and each cut is a line '[CUT]'.
 */
export function receiptText(r: DecodedReceipt): string {
  const out: string[] = [];
  const cutsAt = r.cutsAt ?? [];
  let cutIndex = 0;
  r.lines.forEach((line, index) => {
    while (cutIndex < cutsAt.length && cutsAt[cutIndex]! <= index) {
      out.push('[CUT]');
      cutIndex++;
    }
    out.push(`${line.bold ? '[B]' : ''}${line.doubleHeight ? '[2H]' : ''}${line.doubleWidth ? '[2W]' : ''}${line.text}`);
  });
  // Cuts not tied to a position (e.g. a hand-built receipt) go at the end.
  for (let k = cutIndex; k < Math.max(r.cuts, cutsAt.length); k++) out.push('[CUT]');
  return out.join('\n');
}
