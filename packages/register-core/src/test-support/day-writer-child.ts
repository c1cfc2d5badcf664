// Child process for the Z crash test: as a manager, sells and closes a Z report after every few sales,
// as fast as it can. Each sale and each Z is reported on stdout only after the core acknowledged it
// ("ack sale <id>", "ack z <number>"). The parent kills this process with SIGKILL at an arbitrary moment.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createRegisterCore } from '../core';
import { DEMO_USERS } from '../seed/demo-data';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: day-writer-child <dbPath>');

const core = createRegisterCore({ dbPath });
const manager = DEMO_USERS.find((u) => u.role === 'manager')!;
const signIn = await core.send('session/sign-in', { userId: manager.id, pin: manager.pin });
if (!signIn.ok) throw new Error(signIn.error.message);

for (let i = 1; ; i++) {
  const id = randomUUID();
  const sale = await core.send('sales/complete', {
    id,
    lines: [{ productId: 'p-coffee', quantity: 1 + (i % 3) }, { productId: 'p-bun', quantity: 1 }],
    payments: [{ method: 'cash', tenderedOre: 100_000 }],
  });
  if (!sale.ok) {
    writeSync(2, `sale failed: ${sale.error.code} ${sale.error.message}\n`);
    process.exit(3);
  }
  writeSync(1, `ack sale ${id}\n`);
  if (i % 4 !== 0) continue;
  const z = await core.send('reports/z', { countedCashOre: 0, openCartLines: 0 });
  if (!z.ok) {
    writeSync(2, `z failed: ${z.error.code} ${z.error.message}\n`);
    process.exit(3);
  }
  writeSync(1, `ack z ${z.data.report.number}\n`);
}
