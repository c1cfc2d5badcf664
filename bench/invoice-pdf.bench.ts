import type { InvoiceDocument } from '@nota/domain';
import { renderInvoicePdf } from '../apps/server/src/pdf/invoice-pdf';
import { pdfText } from '../apps/server/src/pdf/pdf-text';
import { numberedLines, STANDARD_LINES, testInvoice, type FixtureOptions } from '../apps/server/src/pdf/test-fixtures';
import { emitJson, heading, table, type SummaryRow } from './report';
import { summarize, timeAsync, type Summary } from './stats';

const WARMUP = 20;

interface Case {
  label: string;
  docs: InvoiceDocument[];
}

interface CaseResult extends Summary {
  label: string;
  pages: number;
  kilobytes: number;
  perSecond: number;
}

/** Documents are built before timing, each with its own number, so no render can reuse another's work. */
function documents(options: FixtureOptions, count: number): InvoiceDocument[] {
  return Array.from({ length: count }, (_, i) => testInvoice({ ...options, number: 20_000 + i }));
}

/** A wrong PDF fails the run instead of looking fast: it must parse, end on the amount due, and re-render identically. */
async function check(label: string, doc: InvoiceDocument, bytes: Buffer): Promise<number> {
  const pages = await pdfText(bytes);
  if (!pages.at(-1)?.includes('Att betala SEK') || !pages[0]!.includes(`Fakturanummer ${doc.number}`)) {
    throw new Error(`${label}: the PDF of invoice ${doc.number} lacks its number or amount due`);
  }
  const again = await renderInvoicePdf(doc, { language: 'sv' });
  if (!again.equals(bytes)) throw new Error(`${label}: two renders of invoice ${doc.number} differ`);
  return pages.length;
}

async function timeCase(c: Case): Promise<CaseResult> {
  const samples: bigint[] = [];
  let first: Buffer | null = null;
  let bytesTotal = 0;
  for (const [i, doc] of c.docs.entries()) {
    const [ns, pdf] = await timeAsync(() => renderInvoicePdf(doc, { language: 'sv' }));
    first ??= pdf;
    if (i >= WARMUP) {
      samples.push(ns);
      bytesTotal += pdf.length;
    }
  }
  const pages = await check(c.label, c.docs[0]!, first!);
  const summary = summarize(samples);
  return {
    label: c.label,
    pages,
    kilobytes: Math.round(bytesTotal / samples.length / 102.4) / 10,
    perSecond: Math.round(1000 / summary.mean),
    ...summary,
  };
}

export async function runInvoicePdfBench({ quick }: { quick: boolean }): Promise<SummaryRow[]> {
  const count = quick ? 100 : 500;
  heading(`invoice PDF (renderInvoicePdf, sv), ${count} invoices per case, sequential`);
  const cases: Case[] = [
    { label: '8-line invoice', docs: documents({ lines: [...STANDARD_LINES, ...numberedLines(4)] }, WARMUP + count) },
    { label: '100-line invoice', docs: documents({ lines: numberedLines(100) }, WARMUP + count) },
  ];
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await timeCase(c));

  console.log(
    table(
      ['case', 'pages', 'KiB', 'n', 'p50 ms', 'p99 ms', 'mean ms', 'max ms', 'PDFs/s'],
      results.map((r) => [r.label, r.pages, r.kilobytes, r.n, r.p50, r.p99, r.mean, r.max, r.perSecond]),
    ),
  );
  emitJson('invoice-pdf', { invoices: count, warmup: WARMUP, cases: results });
  return results.flatMap((r) => [
    { bench: 'invoice-pdf', metric: `${r.label} p50 / p99`, value: `${r.p50} / ${r.p99}`, unit: 'ms' },
    { bench: 'invoice-pdf', metric: `${r.label} mean`, value: r.mean, unit: 'ms' },
    { bench: 'invoice-pdf', metric: `${r.label} sequential`, value: r.perSecond, unit: 'PDFs/s' },
  ]);
}
