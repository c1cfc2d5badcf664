import { randomUUID } from 'node:crypto';
import type { HandlerName, RequestOf, ResponseOf } from '@nota/protocol';
import type { RegisterCore } from '@nota/register-core';
import { decodeEscPos, receiptText, type VirtualPrinter } from '@nota/register-core/printing';
import { DEMO_USERS } from '@nota/register-core/seed';

export interface DemoSale {
  saleId: string;
  receiptNumber: number;
  /** False when the register had sold already (a later start of the same data folder). */
  rungUp: boolean;
}

/**
 * Rings up an invoice sale at the register and prints its delivery note, as a cashier would, unless
 * the register has sold before: then it answers the first start's sale and rings up nothing.
 */
export async function runDemoSale(core: RegisterCore, printer: VirtualPrinter, log: (line: string) => void = console.log): Promise<DemoSale> {
  const call = async <K extends HandlerName>(name: K, args: RequestOf<K>): Promise<ResponseOf<K>> => {
    const result = await core.send(name, args);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.data;
  };

  const manager = DEMO_USERS.find((u) => u.role === 'manager')!;
  await call('session/sign-in', { userId: manager.id, pin: manager.pin });
  // The virtual printer shares this process with the server, which is busy on a first start.
  await call('settings/update', { printerUrl: printer.url, printerTimeoutMs: 15_000 });
  const [earlier] = (await call('sales/recent', { limit: 1 })).sales;
  if (earlier) return { saleId: earlier.id, receiptNumber: earlier.receiptNumber, rungUp: false };

  const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!;
  await call('session/sign-in', { userId: cashier.id, pin: cashier.pin });
  const { customers } = await call('customers/search', { query: 'kultur' });
  const customer = customers.find((c) => c.invoiceable);
  if (!customer) throw new Error('No invoiceable customer matches "kultur".');
  log(`Customer: ${customer.name} (${customer.customerNumber}, ${customer.orgNumber})`);
  if (customer.purchaseInstruction) log(`Purchase instruction: ${customer.purchaseInstruction}`);

  const lines = [
    { productId: 'p-book', quantity: 2 },
    { productId: 'p-coffee', quantity: 3 },
  ];
  const { totalOre } = await call('cart/price', { lines });
  const { sale } = await call('sales/complete', {
    id: randomUUID(),
    lines,
    payments: [{ method: 'invoice', amountOre: totalOre }],
    invoice: { customerId: customer.id, buyerReference: 'Åsa Öberg', comment: 'Till biblioteket' },
  });
  log(`Sale ${sale.receiptNumber} completed: ${(sale.totalOre / 100).toFixed(2)} kr by invoice.`);

  await call('delivery-notes/print', { saleId: sale.id });
  const [job] = await printer.waitForJobs(1);
  log('\nThe printer received:\n');
  log(receiptText(decodeEscPos(job!)));
  return { saleId: sale.id, receiptNumber: sale.receiptNumber, rungUp: true };
}
