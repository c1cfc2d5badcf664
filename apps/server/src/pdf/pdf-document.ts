import PDFDocument from 'pdfkit';

export interface FixedInfo {
  title: string;
  author: string;
  /** The document's own date (YYYY-MM-DD), used for both creation and modification dates. */
  date: string;
  lang: string;
}

const PRODUCER = 'Nota';

/**
 * An A4 document whose bytes depend only on what is drawn and on `info`. pdfkit otherwise stamps
 * the current time into CreationDate, and derives the trailer /ID from an MD5 of every info entry,
 * so pinning all of them pins the whole file: a stored PDF can be re-rendered and compared.
 */
export function createFixedPdf(info: FixedInfo): PDFKit.PDFDocument {
  const date = new Date(`${info.date}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`'${info.date}' is not a YYYY-MM-DD date`);
  return new PDFDocument({
    size: 'A4',
    // Layout places everything itself; pdfkit's own margins would add pages behind its back.
    margin: 0,
    bufferPages: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Creator: PRODUCER, Producer: PRODUCER, CreationDate: date, ModDate: date },
  });
}

/** Ends the document and resolves with all of its bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
