// Child process for the crash test: sells as fast as it can and reports each sale id on stdout only
// after the core acknowledged it. The parent kills this process with SIGKILL at an arbitrary moment.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createRegisterCore } from '../core';
import { DEMO_USERS } from '../seed/demo-data';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: sale-writer-child <dbPath>');

const core = createRegisterCore({ dbPath });
const cashier = DEMO_USERS[0]!;
const signIn = await core.send('session/sign-in', { userId: cashier.id, pin: cashier.pin });
if (!signIn.ok) throw new Error(signIn.error.message);
const { data: customers } = (await core.send('customers/search', { query: '' })) as { data: { customers: { id: string; invoiceable: boolean }[] } };
const customer = customers.customers.find((c) => c.invoiceable)!;

writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const id = randomUUID();
  const invoice = i % 3 === 0;
  const result = await core.send('sales/complete', {
    id,
    lines: [
      { productId: 'p-coffee', quantity: 1 + (i % 3) },
      { productId: 'p-mug', quantity: 1 },
      { productId: 'p-book', quantity: 1, discount: { kind: 'percent', bp: 500 } },
    ],
    payments: invoice ? [{ method: 'invoice', amountOre: 3500 * (1 + (i % 3)) + 14950 + 28405 }] : [{ method: 'cash', tenderedOre: 100_000 }],
    ...(invoice ? { invoice: { customerId: customer.id, buyerReference: `ref ${i}` } } : {}),
  });
  if (!result.ok) {
    writeSync(2, `sale failed: ${result.error.code} ${result.error.message}\n`);
    process.exit(3);
  }
  // Written with a blocking write, after the commit returned: every id the parent reads was acknowledged.
  writeSync(1, `ack ${id}\n`);
}
