import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

// Reads PDFs back for tests, the way a PDF viewer would: if pdf.js cannot parse it or finds no
// text where we drew some, a person opening the file would not see it either.

// Items whose baselines are this close (in points) are one line of text.
const SAME_LINE = 2;
// A gap wider than this between two items on a line reads as a space.
const WORD_GAP = 1.5;

async function open(buffer: Uint8Array) {
  // pdf.js takes ownership of the array it is given, so it gets a copy.
  return getDocument({ data: new Uint8Array(buffer), verbosity: 0, isEvalSupported: false }).promise;
}

function pageLines(items: TextItem[]): string {
  const lines: { y: number; items: TextItem[] }[] = [];
  for (const item of items) {
    if (item.str === '') continue;
    const y = item.transform[5] as number;
    const line = lines.find((l) => Math.abs(l.y - y) <= SAME_LINE);
    if (line) line.items.push(item);
    else lines.push({ y, items: [item] });
  }
  // PDF y grows upwards: the top line has the largest y.
  lines.sort((a, b) => b.y - a.y);
  return lines
    .map((line) => {
      const sorted = line.items.sort((a, b) => (a.transform[4] as number) - (b.transform[4] as number));
      let text = '';
      let end = Number.NEGATIVE_INFINITY;
      for (const item of sorted) {
        const x = item.transform[4] as number;
        if (text !== '' && x - end > WORD_GAP && !text.endsWith(' ')) text += ' ';
        text += item.str;
        end = x + item.width;
      }
      return text.trim();
    })
    .join('\n');
}

/** The text of each page, one string per page, its lines top to bottom and each line left to right. */
export async function pdfText(buffer: Uint8Array): Promise<string[]> {
  const pdf = await open(buffer);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageLines(content.items.filter((item): item is TextItem => 'str' in item)));
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** The document information dictionary (Title, Author, CreationDate, …) as pdf.js reads it. */
export async function pdfInfo(buffer: Uint8Array): Promise<Record<string, unknown>> {
  const pdf = await open(buffer);
  try {
    return (await pdf.getMetadata()).info as Record<string, unknown>;
  } finally {
    await pdf.destroy();
  }
}
