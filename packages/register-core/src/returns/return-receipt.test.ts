import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decodeEscPos, receiptText, startVirtualPrinter, type VirtualPrinter } from '../printing';
import { createTestRegister, type TestRegister } from '../test-support/register';

let reg: TestRegister;
let printer: VirtualPrinter;
beforeEach(async () => {
  reg = createTestRegister({ now: () => new Date('2026-11-23T13:05:00Z') });
  printer = await startVirtualPrinter();
  await reg.signInAs('manager');
  await reg.call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 1000 });
  await reg.signInAs('cashier');
});
afterEach(async () => {
  await printer.close();
  reg.dispose();
});

it('prints a cash return through receipts/print: referencing the original, negative amounts, the drawer opened for the refund', async () => {
  const { sale } = await reg.call('sales/complete', {
    id: randomUUID(),
    lines: [{ productId: 'p-bun', quantity: 3 }, { productId: 'p-mug', quantity: 1 }],
    payments: [{ method: 'cash', tenderedOre: 30000 }],
  });
  const { sale: ret } = await reg.call('returns/complete', {
    id: randomUUID(),
    originalSaleId: sale.id,
    lines: [{ lineNo: 2, quantity: 1 }],
    refundMethods: ['cash'],
  });
  const printed = await reg.call('receipts/print', { saleId: ret.id });
  expect(printed.drawerOpened).toBe(true);
  const [job] = await printer.waitForJobs(1);
  const text = receiptText(decodeEscPos(job!));
  expect(text).toMatch(new RegExp(`Retur av kvitto nr: +${sale.receiptNumber}\\n`));
  expect(text).toMatch(/Att återbetala +-150,00/);
  expect(text).toContain('Mugg Öresund');
  expect(text).toMatch(/-149,50/);
  expect(text).toMatch(/-150,00/);
});
