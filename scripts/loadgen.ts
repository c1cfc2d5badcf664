// npm run loadgen -- --server URL --registers N --sales M [--invoice-share 0.3] [--new-customer-share 0.02]
//                    [--batch 100] [--mode live|backlog [--push-rate EVENTS_PER_S]] [--api-key KEY (or NOTA_API_KEY)]
//                    [--agresso SIMULATOR_URL [--agresso-user U --agresso-client C --agresso-password P]]
// Simulated registers (the real register core on temporary SQLite files) selling and syncing against
// a Nota server. Prints a JSON summary. With --agresso (an Agresso simulator, `npm run agresso:sim`),
// the server is set up to export there, and the run ends by proving that every invoice sale the
// registers made is in the simulator exactly once as a posted, schema-valid GL07 voucher.
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
    agresso: { type: 'string' },
    'agresso-user': { type: 'string', default: 'NOTA' },
    'agresso-client': { type: 'string', default: '10' },
    'agresso-password': { type: 'string', default: process.env.AGRESSO_SIM_PASSWORD ?? 'sim-demo' },
    'agresso-template': { type: 'string', default: '9001' },
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
  ...(values.agresso
    ? {
        agresso: {
          simulatorOrigin: new URL(values.agresso).origin,
          target: {
            url: `${new URL(values.agresso).origin}/BusinessWorld-webservices/service.svc`,
            username: values['agresso-user']!,
            client: values['agresso-client']!,
            password: values['agresso-password']!,
            confirmationTemplateId: Number(values['agresso-template']),
          },
        },
      }
    : {}),
});
console.log(JSON.stringify(summary, null, 2));
// A run without invoice sales is no failure of the export, but proves nothing about it: it says so.
const exportOk = summary.export === null || summary.export.exactlyOnce || summary.export.nothingToCheck;
if (summary.export?.nothingToCheck) console.error(`loadgen: ${summary.export.verdict}`);
else if (!exportOk) console.error(`loadgen: the export check failed: ${summary.export!.verdict}`);
process.exit(summary.eventsPending === 0 && summary.errors.length === 0 && exportOk ? 0 : 1);
