import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos, receiptText, startVirtualPrinter, type VirtualPrinter } from '../printing';
import { joinCostCentre } from '../settings/store-details';
import { applyChangePage } from '../sync/apply-page';
import { createTestRegister, type TestRegister } from '../test-support/register';

let reg: TestRegister;
let printer: VirtualPrinter;

beforeEach(async () => {
  reg = createTestRegister({ now: () => new Date('2026-11-23T13:05:00Z') });
  printer = await startVirtualPrinter();
  await reg.signInAs('manager');
  await reg.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
  // What enrolment and the pull bring (the real pull is tested end to end in e2e/sync/store-details).
  const { sqlite, db } = reg.core.context.store;
  joinCostCentre(db, { code: 'YSTAD', name: 'Museibutiken Ystad' });
  applyChangePage(sqlite, db, [{ entity: 'seller', data: { name: 'Ystads kommun', orgNumber: '212000-1132' } }], '1', new Date().toISOString());
  await reg.signInAs('cashier');
});
afterEach(async () => {
  await printer.close();
  reg.dispose();
});

async function invoiceSale(comment = 'Hämtas av vaktmästaren') {
  const { customers } = await reg.call('customers/search', { query: '' });
  const customer = customers.find((c) => c.invoiceable)!;
  const { sale } = await reg.call('sales/complete', {
    id: randomUUID(),
    lines: [
      { productId: 'p-poster', quantity: 2 },
      { productId: 'p-book', quantity: 1 },
    ],
    payments: [{ method: 'invoice', amountOre: 69700 }],
    invoice: { customerId: customer.id, buyerReference: 'Åsa Ødegård', comment },
  });
  return { sale, customer };
}

const printed = (job: Buffer) => receiptText(decodeEscPos(job));
const printCount = () => (reg.core.context.store.sqlite.prepare('SELECT count(*) AS n FROM delivery_note_prints').get() as { n: number }).n;

describe('delivery notes', () => {
  it('prints the note of an invoice sale with everything the customer signs for', async () => {
    const { sale, customer } = await invoiceSale();
    const outcome = await reg.call('delivery-notes/print', { saleId: sale.id });
    expect(outcome).toMatchObject({ number: 1, copy: false });

    const [job] = await printer.waitForJobs(1);
    const text = printed(job!);
    for (const expected of [
      'FÖLJESEDEL', 'Museibutiken Ystad', 'Ystads kommun', '212000-1132', '2026-11-23 14:05', 'Kassa 1',
      customer.name, String(customer.customerNumber), customer.orgNumber, 'Åsa Ødegård', 'Hämtas av vaktmästaren',
      'Affisch Ålänningar &', 'fjällvärld', 'Signatur',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('697,00');
    expect(text).not.toMatch(/KOPIA/);
    expect(text).toContain('[CUT]');
  });

  it('leaves out the seller and store a register has not been told yet, and prints no stand-in', async () => {
    const fresh = createTestRegister({ now: () => new Date('2026-11-23T13:05:00Z') });
    try {
      await fresh.signInAs('manager');
      await fresh.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
      expect(await fresh.call('settings/get', {})).toMatchObject({ storeName: null, companyName: null, companyOrgNumber: null, storeAddress: null });
      const { customers } = await fresh.call('customers/search', { query: '' });
      const customer = customers.find((c) => c.invoiceable)!;
      const { sale } = await fresh.call('sales/complete', {
        id: randomUUID(),
        lines: [{ productId: 'p-book', quantity: 1 }],
        payments: [{ method: 'invoice', amountOre: 29900 }],
        invoice: { customerId: customer.id, buyerReference: null, comment: null },
      });
      await fresh.call('delivery-notes/print', { saleId: sale.id });
      const text = printed((await printer.waitForJobs(1))[0]!);
      expect(text).toContain('FÖLJESEDEL');
      expect(text).toContain(customer.name);
      for (const standIn of ['Butiken', 'Företaget AB', '556036-0793']) expect(text).not.toContain(standIn);
      // The customer's org. number is a field ("Org.nr:"); a seller's would stand under the title.
      expect(text).not.toMatch(/Org\.nr \d/);
    } finally {
      fresh.dispose();
    }
  });

  it('marks every print after the first as a copy, and reprint always as a copy', async () => {
    const { sale } = await invoiceSale();
    await reg.call('delivery-notes/print', { saleId: sale.id });
    expect(await reg.call('delivery-notes/print', { saleId: sale.id })).toMatchObject({ copy: true });
    expect(await reg.call('delivery-notes/reprint', { saleId: sale.id })).toMatchObject({ copy: true });
    const jobs = await printer.waitForJobs(3);
    expect(jobs.map((j) => printed(j).includes('KOPIA'))).toEqual([false, true, true]);
  });

  it('hides prices when the register is set so', async () => {
    await reg.signInAs('manager');
    await reg.call('settings/update', { deliveryNoteShowPrices: false });
    const { sale } = await invoiceSale();
    await reg.call('delivery-notes/print', { saleId: sale.id });
    const [job] = await printer.waitForJobs(1);
    expect(printed(job!)).not.toMatch(/\d,\d\d/);
  });

  it('tells the cashier when the printer is out of paper, and the sale stays as it was', async () => {
    const { sale } = await invoiceSale();
    printer.setMode('paper-out');
    const result = await reg.core.send('delivery-notes/print', { saleId: sale.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_PAPER_OUT' } });
    expect(printCount()).toBe(0);
    expect((await reg.call('sales/get', { id: sale.id })).sale).toEqual(sale);

    printer.setMode('ok');
    expect(await reg.call('delivery-notes/print', { saleId: sale.id })).toMatchObject({ copy: false });
  });

  it('answers within the timeout when the printer accepts but never answers', async () => {
    const { sale } = await invoiceSale();
    printer.setMode('silent');
    const started = Date.now();
    const result = await reg.core.send('delivery-notes/print', { saleId: sale.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_NO_STATUS' } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(printCount()).toBe(0);
  });

  it('prints to a printer that never answers status once its status check is turned off', async () => {
    const { sale } = await invoiceSale();
    printer.setMode('no-status');
    const refused = await reg.core.send('delivery-notes/print', { saleId: sale.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PRINTER_NO_STATUS' } });
    expect(refused.ok ? '' : refused.error.message).toContain(
      `The printer at 127.0.0.1:${printer.port} accepted the connection but did not answer the status request within 1 s.`,
    );
    expect(printCount()).toBe(0);

    await reg.signInAs('manager');
    expect(await reg.call('settings/update', { printerStatusCheck: false })).toMatchObject({ printerStatusCheck: false });
    await reg.signInAs('cashier');
    expect(await reg.call('delivery-notes/print', { saleId: sale.id })).toMatchObject({ copy: false });
    const [job] = await printer.waitForJobs(1);
    expect(printed(job!)).toContain('FÖLJESEDEL');
  });

  it('reports an unreachable printer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await reg.signInAs('manager');
    await reg.call('settings/update', { printerUrl: `tcp://127.0.0.1:${port}` });
    const { sale } = await invoiceSale();
    const result = await reg.core.send('delivery-notes/print', { saleId: sale.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'PRINTER_UNREACHABLE' } });
  });

  it('refuses a sale that was not charged by invoice', async () => {
    const { sale } = await reg.call('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-coffee', quantity: 1 }],
      payments: [{ method: 'card', amountOre: 3500 }],
    });
    expect(await reg.core.send('delivery-notes/print', { saleId: sale.id })).toMatchObject({ ok: false, error: { code: 'NOT_AN_INVOICE_SALE' } });
  });
});
