import { journalCodes, type CompleteSaleRequest } from '@nota/protocol';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos, receiptText, startVirtualPrinter, type VirtualPrinter } from '../printing';
import { createTestRegister, type TestRegister } from '../test-support/register';

let reg: TestRegister;
let printer: VirtualPrinter;
let now = new Date('2026-11-23T13:05:00Z');

beforeEach(async () => {
  now = new Date('2026-11-23T13:05:00Z');
  reg = createTestRegister({ now: () => now });
  printer = await startVirtualPrinter();
  await reg.signInAs('manager');
  await reg.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
  await reg.signInAs('cashier');
});
afterEach(async () => {
  await printer.close();
  reg.dispose();
});

const sqlite = () => reg.core.context.store.sqlite;
const journalLines = (code: string) =>
  sqlite().prepare('SELECT * FROM journal WHERE code = ? ORDER BY seq').all(code) as { sale_id: string | null; amount_ore: number | null; detail: string | null; user_id: string }[];
const prints = (saleId: string) => sqlite().prepare('SELECT copy FROM receipt_prints WHERE sale_id = ? ORDER BY id').all(saleId) as { copy: number }[];
const saleEvents = () => (sqlite().prepare("SELECT payload FROM outbox WHERE type = 'sale.completed'").all() as { payload: string }[]).map((r) => JSON.parse(r.payload));
const printed = (job: Buffer) => receiptText(decodeEscPos(job));

// A poster (199,00) and a book (299,00): 498,00.
async function sell(payments: CompleteSaleRequest['payments'] = [{ method: 'cash', tenderedOre: 50000 }], extra: Partial<CompleteSaleRequest> = {}) {
  const { sale } = await reg.call('sales/complete', {
    id: randomUUID(),
    lines: [
      { productId: 'p-poster', quantity: 1 },
      { productId: 'p-book', quantity: 1 },
    ],
    payments,
    ...extra,
  });
  return sale;
}
async function refusal(name: 'receipts/print' | 'receipts/copy' | 'drawer/open' | 'training/set', args: object) {
  const result = await reg.core.send(name, args as never);
  if (result.ok) throw new Error(`${name} was expected to be refused`);
  return result.error;
}

describe('receipts/print', () => {
  it('prints the original of a cash sale with its number and cashier, and opens the drawer', async () => {
    const sale = await sell();
    expect(await reg.call('receipts/print', { saleId: sale.id })).toMatchObject({ saleId: sale.id, copy: false, drawerOpened: true });
    const [job] = await printer.waitForJobs(1);
    const decoded = decodeEscPos(job!);
    const text = receiptText(decoded);
    expect(text).toMatch(/Kvitto nr: +1\n/);
    expect(text).toMatch(/Kassör: +Anna Kassör/);
    expect(text).toContain('Skånes historia (bok)');
    expect(text).not.toContain('KOPIA');
    expect(decoded.drawerPulses).toEqual([{ pin: 2, onMs: 50, offMs: 500 }]);
    expect(prints(sale.id)).toEqual([{ copy: 0 }]);
  });

  it('does not open the drawer for a card sale', async () => {
    const sale = await sell([{ method: 'card', amountOre: 49800 }]);
    expect(await reg.call('receipts/print', { saleId: sale.id })).toMatchObject({ drawerOpened: false });
    const [job] = await printer.waitForJobs(1);
    expect(decodeEscPos(job!).drawerPulses).toEqual([]);
    expect(printed(job!)).toMatch(/Kort +498,00/);
  });

  it('keeps a receipt that failed to print as the original until it prints, then refuses a second original', async () => {
    const sale = await sell();
    printer.setMode('paper-out');
    const failed = await refusal('receipts/print', { saleId: sale.id });
    expect(failed.code).toBe('PRINTER_PAPER_OUT');
    expect(failed.message).toMatch(/out of paper/);
    // The status bar's printer state follows receipts as it follows delivery notes.
    expect(reg.core.lastEvent('printer/status')).toMatchObject({ state: 'paper-out' });
    expect(prints(sale.id)).toEqual([]);
    expect((await reg.call('receipts/unprinted', {})).sales.map((s) => s.id)).toEqual([sale.id]);

    printer.setMode('ok');
    expect(await reg.call('receipts/print', { saleId: sale.id })).toMatchObject({ copy: false });
    expect(reg.core.lastEvent('printer/status')).toMatchObject({ state: 'ready' });
    const [job] = await printer.waitForJobs(1);
    expect(printed(job!)).not.toContain('KOPIA');
    expect((await reg.call('receipts/unprinted', {})).sales).toEqual([]);

    const again = await refusal('receipts/print', { saleId: sale.id });
    expect(again).toMatchObject({ code: 'RECEIPT_ALREADY_PRINTED', field: 'saleId' });
    expect(again.message).toMatch(/Receipt 1 has already printed\. Print a copy instead\./);
    expect(printer.jobs).toHaveLength(1);
  });

  it('names the field for an unknown sale', async () => {
    expect(await refusal('receipts/print', { saleId: randomUUID() })).toMatchObject({ code: 'UNKNOWN_SALE', field: 'saleId' });
  });
});

describe('receipts/copy', () => {
  it('prints one copy marked KOPIA, logs it with its print record, and refuses a second', async () => {
    const sale = await sell();
    expect((await refusal('receipts/copy', { saleId: sale.id })).code).toBe('RECEIPT_NOT_PRINTED');
    await reg.call('receipts/print', { saleId: sale.id });
    now = new Date('2026-11-23T13:20:00Z');

    expect(await reg.call('receipts/copy', { saleId: sale.id })).toMatchObject({ copy: true, drawerOpened: false, printedAt: '2026-11-23T13:20:00.000Z' });
    const [, job] = await printer.waitForJobs(2);
    const decoded = decodeEscPos(job!);
    expect(decoded.lines.filter((l) => l.text === 'KOPIA' && l.doubleHeight)).toHaveLength(2);
    expect(decoded.drawerPulses).toEqual([]);
    expect(journalLines(journalCodes.copyReceipt)).toEqual([expect.objectContaining({ sale_id: sale.id, amount_ore: 49800, user_id: 'u-anna' })]);
    expect(prints(sale.id)).toEqual([{ copy: 0 }, { copy: 1 }]);

    const second = await refusal('receipts/copy', { saleId: sale.id });
    expect(second).toMatchObject({ code: 'RECEIPT_COPY_ALREADY_PRINTED', field: 'saleId' });
    expect(second.message).toMatch(/copied only once/);
    expect(journalLines(journalCodes.copyReceipt)).toHaveLength(1);
    expect(printer.jobs).toHaveLength(2);
    expect((await reg.call('receipts/state', { saleIds: [sale.id] })).receipts).toEqual([
      { saleId: sale.id, originalPrintedAt: '2026-11-23T13:05:00.000Z', copyPrintedAt: '2026-11-23T13:20:00.000Z' },
    ]);
  });

  it('logs nothing and records nothing for a copy that failed to print, so it can be tried again', async () => {
    const sale = await sell();
    await reg.call('receipts/print', { saleId: sale.id });
    printer.setMode('reset');
    expect((await refusal('receipts/copy', { saleId: sale.id })).code).toMatch(/^PRINTER_/);
    expect(journalLines(journalCodes.copyReceipt)).toEqual([]);
    expect(prints(sale.id)).toEqual([{ copy: 0 }]);
    printer.setMode('ok');
    expect(await reg.call('receipts/copy', { saleId: sale.id })).toMatchObject({ copy: true });
  });
});

describe('Norway', () => {
  it('prints an invoice sale as a delivery receipt and logs it as one (13016)', async () => {
    await reg.signInAs('manager');
    await reg.call('settings/update', { country: 'NO' });
    const { customers } = await reg.call('customers/search', { query: '' });
    const customer = customers.find((c) => c.invoiceable)!;
    const sale = await sell([{ method: 'invoice', amountOre: 49800 }], { invoice: { customerId: customer.id, buyerReference: null, comment: null } });
    await reg.call('receipts/print', { saleId: sale.id });
    const [job] = await printer.waitForJobs(1);
    const text = printed(job!);
    expect(text).toContain('UTLEVERINGSKVITTERING');
    expect(text).toContain('IKKE KVITTERING FOR KJØP');
    expect(text).toMatch(/Kasserer: +Björn Föreståndare/);
    expect(journalLines(journalCodes.deliveryReceipt)).toEqual([expect.objectContaining({ sale_id: sale.id, amount_ore: 49800 })]);
  });
});

describe('receipts/unprinted', () => {
  it("lists today's sales whose receipt never printed, also after a crash and restart, and not yesterday's", async () => {
    now = new Date('2026-11-22T20:00:00Z');
    await sell();
    now = new Date('2026-11-23T08:00:00Z');
    const printedSale = await sell();
    await reg.call('receipts/print', { saleId: printedSale.id });
    const owed = await sell([{ method: 'card', amountOre: 49800 }]);

    reg = reg.reopen();
    await reg.signInAs('cashier');
    const { sales } = await reg.call('receipts/unprinted', {});
    expect(sales.map((s) => s.id)).toEqual([owed.id]);
    await reg.call('receipts/print', { saleId: owed.id });
    expect((await reg.call('receipts/unprinted', {})).sales).toEqual([]);
  });
});

describe('drawer/open', () => {
  it('is refused for a cashier with the reason', async () => {
    const refused = await refusal('drawer/open', { reason: 'Växla pengar' });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/Only a manager may open the cash drawer without a sale/);
    expect(printer.jobs).toEqual([]);
    expect(journalLines(journalCodes.drawerOpened)).toEqual([]);
  });

  it('sends only the drawer pulse for a manager and logs it with the reason and no sale', async () => {
    await reg.signInAs('manager');
    expect(await reg.call('drawer/open', { reason: 'Växla pengar' })).toEqual({ openedAt: '2026-11-23T13:05:00.000Z' });
    const [job] = await printer.waitForJobs(1);
    expect([...job!.subarray(job!.length - 5)]).toEqual([0x1b, 0x70, 0x00, 25, 250]);
    const decoded = decodeEscPos(job!);
    expect(decoded.drawerPulses).toEqual([{ pin: 2, onMs: 50, offMs: 500 }]);
    expect(decoded.lines).toEqual([]);
    expect(decoded.cuts).toBe(0);
    expect(journalLines(journalCodes.drawerOpened)).toEqual([expect.objectContaining({ sale_id: null, detail: 'Växla pengar', user_id: 'u-bjorn' })]);
  });

  it('wants a reason and logs nothing when the printer does not take the pulse', async () => {
    await reg.signInAs('manager');
    expect(await refusal('drawer/open', { reason: '  ' })).toMatchObject({ field: 'reason' });
    printer.setMode('paper-out');
    expect((await refusal('drawer/open', { reason: 'Växla' })).code).toBe('PRINTER_PAPER_OUT');
    expect(journalLines(journalCodes.drawerOpened)).toEqual([]);
  });
});

describe('training mode', () => {
  it('only a manager switches it, everyone sees it, and each switch is logged', async () => {
    expect((await refusal('training/set', { on: true })).code).toBe('FORBIDDEN');
    await reg.signInAs('manager');
    expect(await reg.call('training/set', { on: true })).toEqual({ on: true, since: '2026-11-23T13:05:00.000Z', by: 'Björn Föreståndare' });
    // Already on: nothing new is logged.
    await reg.call('training/set', { on: true });
    expect(journalLines(journalCodes.trainingOn)).toHaveLength(1);
    await reg.signInAs('cashier');
    expect(await reg.call('training/status', {})).toMatchObject({ on: true });
    // It survives a restart: the journal is the record.
    reg = reg.reopen();
    expect(await reg.call('training/status', {})).toMatchObject({ on: true });
    await reg.signInAs('manager');
    expect(await reg.call('training/set', { on: false })).toMatchObject({ on: false });
    expect(journalLines(journalCodes.trainingOff)).toHaveLength(1);
  });

  it('numbers training sales apart, never counts them as sales, logs each, and prints ÖVNINGSKVITTO', async () => {
    const real1 = await sell();
    await reg.signInAs('manager');
    await reg.call('training/set', { on: true });
    await reg.signInAs('cashier');
    const practice = await sell([{ method: 'cash', tenderedOre: 100000 }]);
    expect(practice).toMatchObject({ training: true, receiptNumber: 1 });
    expect(journalLines(journalCodes.trainingReceipt)).toEqual([expect.objectContaining({ sale_id: practice.id, amount_ore: 49800 })]);
    expect(saleEvents().map((e) => e.sale.id)).toEqual([real1.id]);

    expect(await reg.call('receipts/print', { saleId: practice.id })).toMatchObject({ drawerOpened: false });
    const [job] = await printer.waitForJobs(1);
    expect(decodeEscPos(job!).drawerPulses).toEqual([]);
    const lines = decodeEscPos(job!).lines.map((l) => l.text).filter((l) => l !== '');
    expect(lines.slice(0, 2)).toEqual(['ÖVNINGSKVITTO', 'EJ KVITTO PÅ KÖP']);
    expect(lines.slice(-2)).toEqual(['ÖVNINGSKVITTO', 'EJ KVITTO PÅ KÖP']);

    const { customers } = await reg.call('customers/search', { query: '' });
    const refused = await reg.core.send('sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-book', quantity: 1 }],
      payments: [{ method: 'invoice', amountOre: 29900 }],
      invoice: { customerId: customers.find((c) => c.invoiceable)!.id },
    });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'TRAINING_NO_INVOICE', field: 'invoice' });

    await reg.signInAs('manager');
    await reg.call('training/set', { on: false });
    const real2 = await sell();
    expect(real2).toMatchObject({ training: false, receiptNumber: 2 });
    expect(saleEvents().map((e) => e.sale.id)).toEqual([real1.id, real2.id]);
  });
});
