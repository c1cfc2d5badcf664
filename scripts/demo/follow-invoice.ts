import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiRequestError, type InvoiceSummary } from '@nota/protocol';
import type { AdminClient } from '../loadgen/admin-client';

/**
 * Follows a sale's invoice from the register to Agresso, as head office would see it, and saves its
 * PDF beside the data: the end of the main flow, shown in the terminal.
 */
export async function followInvoice(
  admin: AdminClient,
  saleId: string,
  where: { pdfDir: string },
  log: (line: string) => void = console.log,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let invoice: InvoiceSummary | undefined;
  while (Date.now() < deadline) {
    const { invoices } = await admin.invoices.list({ query: { limit: 20 } });
    invoice = invoices.find((i) => i.saleId === saleId);
    const done = invoice && (invoice.problems.length > 0 || ['confirmed', 'failed', 'blocked'].includes(invoice.export?.state ?? ''));
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!invoice) return log('\nThe sale has not reached head office yet; it will be invoiced once it does.');
  if (invoice.status === 'draft') return log(`\nThe invoice waits as a draft: ${invoice.problems.map((p) => p.message).join(' ')}`);
  log(`\nInvoice ${invoice.number} to ${invoice.customerName}: OCR ${invoice.paymentReference}, due ${invoice.dueDate}.`);
  const exp = invoice.export;
  if (exp?.state === 'confirmed') log(`Agresso: GL07 order ${exp.orderNumber}, posted as voucher ${exp.voucherNo}.`);
  else log(`Agresso: ${exp?.state ?? 'not queued'}${exp?.error ? ` (${exp.error.message})` : ''}.`);
  const pdf = await admin.invoices.pdf({ params: { id: invoice.id } }).catch((err: unknown) => {
    if (err instanceof ApiRequestError) return err;
    throw err;
  });
  if (pdf instanceof ApiRequestError) return log(`The PDF could not be fetched: ${pdf.status} ${pdf.message}`);
  const file = join(where.pdfDir, `faktura-${invoice.number}.pdf`);
  writeFileSync(file, Buffer.from(pdf));
  log(`PDF: ${file}`);
}
