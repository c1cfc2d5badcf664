// Runs what exists of Nota so far: the headless register core on a real SQLite file, with a virtual
// receipt printer on loopback. It rings up an invoice sale, prints its delivery note and shows the
// note as the printer received it. Data stays in NOTA_DATA_DIR (default ./.data) between runs.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRegisterCore } from '@nota/register-core';
import { decodeEscPos, receiptText, startVirtualPrinter } from '@nota/register-core/printing';
import { DEMO_USERS, seedDemoData } from '@nota/register-core/seed';

const dataDir = resolve(process.env.NOTA_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const dbPath = join(dataDir, 'register.sqlite');

const core = createRegisterCore({ dbPath, onInternalError: (err) => console.error(err) });
const printer = await startVirtualPrinter();

async function call<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

try {
  if ((await call(core.send('catalog/search', { query: 'kaffe' }))).products.length === 0) {
    console.log('Seeding demo catalog, users and 5,000 customers…');
    seedDemoData(core.context.store, { customers: 5000 });
  }
  const manager = DEMO_USERS.find((u) => u.role === 'manager')!;
  await call(core.send('session/sign-in', { userId: manager.id, pin: manager.pin }));
  await call(core.send('settings/update', { printerUrl: printer.url, storeName: 'Museibutiken', companyName: 'Demo kommun' }));

  const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!;
  await call(core.send('session/sign-in', { userId: cashier.id, pin: cashier.pin }));
  const { customers } = await call(core.send('customers/search', { query: 'kultur' }));
  const customer = customers.find((c) => c.invoiceable);
  if (!customer) throw new Error('No invoiceable customer matches "kultur".');
  console.log(`Customer: ${customer.name} (${customer.customerNumber}, ${customer.orgNumber})`);
  if (customer.purchaseInstruction) console.log(`Purchase instruction: ${customer.purchaseInstruction}`);

  const lines = [
    { productId: 'p-book', quantity: 2 },
    { productId: 'p-coffee', quantity: 3 },
  ];
  const { totalOre } = await call(core.send('cart/price', { lines }));
  const { sale } = await call(
    core.send('sales/complete', {
      id: randomUUID(),
      lines,
      payments: [{ method: 'invoice', amountOre: totalOre }],
      invoice: { customerId: customer.id, buyerReference: 'Åsa Öberg', comment: 'Till biblioteket' },
    }),
  );
  console.log(`Sale ${sale.receiptNumber} completed: ${(sale.totalOre / 100).toFixed(2)} kr by invoice.`);

  await call(core.send('delivery-notes/print', { saleId: sale.id }));
  const [job] = await printer.waitForJobs(1);
  console.log('\nThe printer received:\n');
  console.log(receiptText(decodeEscPos(job!)));

  const outbox = await call(core.send('outbox/status', {}));
  console.log(`\nOutbox: ${outbox.pending} event(s) waiting for the sync server (not built yet). Database: ${dbPath}`);
} finally {
  await printer.close();
  core.close();
}
