// npm run loadgen -- --server URL --registers N --sales M [--invoice-share 0.3] [--new-customer-share 0.02]
//                    [--batch 100] [--mode live|backlog [--push-rate EVENTS_PER_S]] [--api-key KEY (or NOTA_API_KEY)]
// Simulated registers (the real register core on temporary SQLite files) selling and syncing against
// a Nota server. Prints a JSON summary.
import { parseArgs } from 'node:util';
import { runLoad } from './loadgen/run-load';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8080' },
    registers: { type: 'string', default: '5' },
    sales: { type: 'string', default: '100' },
    'invoice-share': { type: 'string', default: '0.3' },
    'new-customer-share': { type: 'string', default: '0.02' },
    batch: { type: 'string', default: '100' },
    'api-key': { type: 'string' },
    mode: { type: 'string', default: 'live' },
    'push-rate': { type: 'string' },
  },
});

const apiKey = values['api-key'] ?? process.env.NOTA_API_KEY;
if (!apiKey) {
  console.error('loadgen: an admin API key is needed (--api-key or NOTA_API_KEY); the server prints one at first start.');
  process.exit(2);
}

const summary = await runLoad({
  server: values.server!,
  apiKey,
  registers: Number(values.registers),
  salesPerRegister: Number(values.sales),
  invoiceShare: Number(values['invoice-share']),
  newCustomerShare: Number(values['new-customer-share']),
  batchSize: Number(values.batch),
  mode: values.mode === 'backlog' ? 'backlog' : 'live',
  ...(values['push-rate'] ? { pushRate: Number(values['push-rate']) } : {}),
});
console.log(JSON.stringify(summary, null, 2));
process.exit(summary.eventsPending === 0 && summary.errors.length === 0 ? 0 : 1);
