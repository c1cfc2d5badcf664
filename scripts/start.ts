// npm start: the whole system on this machine with embedded defaults.
//   - the Nota server on HOST:PORT (default 127.0.0.1:8080) with embedded PGlite in NOTA_DATA_DIR/server;
//   - an Agresso (Business World) simulator on AGRESSO_SIM_PORT (default 8090), its state in
//     NOTA_DATA_DIR/agresso-sim.json, which already knows the municipality's internal customers;
//   - head-office demo data (catalog, register users, customers, seller details, chart of accounts,
//     the Agresso connection) on first start;
//   - one register (the headless core on NOTA_DATA_DIR/register.sqlite) enrolled with a real code and
//     syncing in the background, with a virtual receipt printer on loopback;
//   - on the first start of a data folder, a demo invoice sale with its delivery note, followed
//     through to its voucher in Agresso; then everything keeps running until Ctrl+C, a signal, or
//     until whatever started it (npm, a process manager) is gone.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describeGl07Checks, startAgressoSimulator } from '@nota/agresso/simulator';
import type { CustomerInput } from '@nota/protocol';
import { ensureBackofficeBuilt } from '@nota/backoffice/build';
import { ensureRendererBuilt, RENDERER_DIR, startRegisterHost } from '@nota/register/shell';
import { createRegisterCore } from '@nota/register-core';
import { startVirtualPrinter } from '@nota/register-core/printing';
import { DEMO_GROUPS, DEMO_PRODUCTS, DEMO_USERS, generateCustomers } from '@nota/register-core/seed';
import { buildApp, listenProblem, loadSecretKey } from '@nota/server';
import { runDemoSale } from './demo/demo-sale';
import { configureInvoicing } from './demo/invoicing-setup';
import { followInvoice } from './demo/follow-invoice';
import { createLifecycle, envPort, stopWithParent } from './lifecycle';
import { createAdminClient, type AdminClient } from './loadgen/admin-client';

// The demo's data (customers, keys, the register's database) is this user's alone.
process.umask(0o077);
const lifecycle = createLifecycle();
stopWithParent(lifecycle);

const dataDir = resolve(process.env.NOTA_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const host = process.env.HOST ?? '127.0.0.1';
const port = envPort('PORT', 8080);
const simPort = envPort('AGRESSO_SIM_PORT', 8090);

/** A taken port ends the start with one line naming its setting; other failures keep their stack. */
async function listening<T>(listen: () => Promise<T>, where: { setting: string; host: string; port: number }): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const problem = listenProblem(error, { ...where, command: 'npm start' });
    if (!problem) throw error;
    console.error(problem);
    return lifecycle.stop(1);
  }
}

// A key generated for this installation, never a default one; kept beside the data for the demo.
const keyFile = join(dataDir, 'admin-api-key');
const apiKey =
  process.env.NOTA_ADMIN_API_KEY ??
  (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : `nak_${randomBytes(32).toString('base64url')}`);
if (!process.env.NOTA_ADMIN_API_KEY && !existsSync(keyFile)) writeFileSync(keyFile, apiKey, { mode: 0o600 });

// The back office's first administrator, with a password made for this installation (there is no default one).
const adminPasswordFile = join(dataDir, 'admin-password');
const adminPassword = existsSync(adminPasswordFile) ? readFileSync(adminPasswordFile, 'utf8').trim() : randomBytes(12).toString('base64url');
if (!existsSync(adminPasswordFile)) writeFileSync(adminPasswordFile, adminPassword, { mode: 0o600 });
const ADMIN_USERNAME = 'admin';

const demoCustomers = [...generateCustomers(300, { seed: 11 })];

// The simulator's password, like the admin key, is made for this installation and kept beside the data.
const simPasswordFile = join(dataDir, 'agresso-sim-password');
const simPassword = existsSync(simPasswordFile) ? readFileSync(simPasswordFile, 'utf8').trim() : randomBytes(12).toString('base64url');
if (!existsSync(simPasswordFile)) writeFileSync(simPasswordFile, simPassword, { mode: 0o600 });
const simXsdDir = process.env.AGRESSO_XSD_DIR || undefined;
if (simXsdDir && !existsSync(join(simXsdDir, 'ABWTransaction.local.xsd'))) {
  console.error(`AGRESSO_XSD_DIR ${simXsdDir} has no ABWTransaction.local.xsd (Unit4's GL07 schema).`);
  process.exit(1);
}
const agresso = await listening(
  () =>
    startAgressoSimulator({
      port: simPort,
      username: 'NOTA',
      client: '10',
      password: simPassword,
      stateFile: join(dataDir, 'agresso-sim.json'),
      ...(simXsdDir ? { xsdDir: simXsdDir } : {}),
      // Internal customers are the municipality's own units: Business World has them already.
      customers: demoCustomers.filter((c) => c.internal && c.externalId).map((c) => ({ customerId: c.externalId!, name: c.name })),
    }),
  { setting: 'AGRESSO_SIM_PORT', host: '127.0.0.1', port: simPort },
);
lifecycle.onStop(() => agresso.close());

const app = await buildApp({
  pgliteDir: join(dataDir, 'server', 'pglite'),
  adminApiKey: apiKey,
  firstAdministrator: { username: ADMIN_USERNAME, password: adminPassword },
  secretKey: loadSecretKey({ keyFile: join(dataDir, 'server', 'secret.key') }),
  logger: { level: 'warn' },
});
lifecycle.onStop(() => app.close());
await listening(() => app.listen({ host, port }), { setting: 'PORT', host, port });
const serverUrl = `http://${host.includes(':') ? `[${host}]` : host}:${(app.server.address() as AddressInfo).port}`;
const admin = createAdminClient(serverUrl, apiKey);

const seededMarker = join(dataDir, 'server', 'demo-seeded');
if (!existsSync(seededMarker)) {
  console.log('First start: adding demo catalog, register users, 300 customers and invoicing settings at head office…');
  await seedHeadOffice(admin);
  writeFileSync(seededMarker, new Date().toISOString());
}
// The demo's users follow the code (PINs, cost centre), also in a data folder an older version made.
for (const user of DEMO_USERS) {
  await admin.registerUsers.save({ params: { id: user.id }, body: { name: user.name, role: user.role, pin: user.pin, costCentreCode: 'DEMO' } });
}
// The connection follows the simulator (its port may differ from the last start).
await configureInvoicing(admin, { url: agresso.url, username: 'NOTA', client: '10', password: simPassword, confirmationTemplateId: 9001 });

const printer = await startVirtualPrinter();
lifecycle.onStop(() => printer.close());
const core = createRegisterCore({ dbPath: join(dataDir, 'register.sqlite'), sync: { autoStart: true } });
lifecycle.onStop(() => core.close());
if (core.sync.status().state === 'not-enrolled') {
  const { enrolmentCode } = await admin.registers.create({ body: { name: 'Kassa 1', costCentreCode: 'DEMO' } });
  await core.sync.enrol(serverUrl, enrolmentCode);
  console.log(`Register enrolled with code ${enrolmentCode}.`);
} else if (core.sync.status().serverUrl !== serverUrl) {
  // The server listens elsewhere than at the last start (another PORT): the same register enrols there.
  const settings = await core.send('settings/get', {});
  if (!settings.ok) throw new Error(settings.error.message);
  const { enrolmentCode } = await admin.registers.newEnrolmentCode({ params: { id: settings.data.registerId } });
  await core.sync.enrol(serverUrl, enrolmentCode);
  console.log(`Register enrolled again at ${serverUrl}, where the server now listens.`);
}
await core.sync.syncOnce();
// One demo sale per data folder: a restart shows the system again without ringing up another.
const demo = await runDemoSale(core, printer);
if (demo.rungUp) {
  await core.sync.syncOnce();
  await followInvoice(admin, demo.saleId, { pdfDir: dataDir });
} else {
  console.log(`The demo sale was rung up on the first start of ${dataDir} (receipt ${demo.receiptNumber}); no new one.`);
}
const { count } = await admin.sales.count();
// The back office (the server serves its build at /) and the register's screens in the browser shell.
ensureBackofficeBuilt();
ensureRendererBuilt();
const registerHost = await startRegisterHost({ core, rendererDir: RENDERER_DIR, port: Number(process.env.NOTA_REGISTER_PORT ?? 0) });
lifecycle.onStop(() => registerHost.close());

console.log(`
Nota is running.
  Server:        ${serverUrl}  (health ${serverUrl}/healthz, OpenAPI ${serverUrl}/docs/json)
  Back office:   open ${serverUrl}/  (sign in as ${ADMIN_USERNAME}, password ${adminPassword}, stored in ${adminPasswordFile})
  Admin API key: stored in ${keyFile}
  Register:      open ${registerHost.address}  (sign in: ${DEMO_USERS.map((u) => `${u.name} PIN ${u.pin}`).join(', ')})
                 ${join(dataDir, 'register.sqlite')}, sync ${core.sync.status().state}, ${core.sync.status().pending} event(s) pending
  Printer:       virtual, ${printer.url}
  Agresso:       simulator at ${agresso.url} (what it received: ${agresso.origin}/simulator/accepted)
                 ${describeGl07Checks(simXsdDir, { pointWith: 'AGRESSO_XSD_DIR' })}
  Server has ${count} sale(s). Try: NOTA_API_KEY=$(cat ${keyFile}) npm run loadgen -- --server ${serverUrl} --registers 5 --sales 100 --agresso ${agresso.origin} --agresso-password $(cat ${simPasswordFile})
Press Ctrl+C to stop.`);

async function seedHeadOffice(client: AdminClient): Promise<void> {
  await client.costCentres.save({ body: { code: 'DEMO', name: 'Museibutiken' } });
  for (const group of DEMO_GROUPS) await client.productGroups.save({ params: { id: group.id }, body: group });
  for (const product of DEMO_PRODUCTS) await client.products.save({ params: { id: product.id }, body: product });
  for (const c of demoCustomers) {
    const customer: CustomerInput = {
      active: c.active,
      internal: c.internal,
      externalId: c.externalId,
      name: c.name,
      orgNumber: c.orgNumber,
      country: c.country,
      street: c.street,
      postalCode: c.postalCode,
      city: c.city,
      billingCountry: c.billingCountry,
      email: c.email,
      phone: c.phone,
      invoicingEnabled: c.invoicingEnabled,
      purchaseInstruction: c.purchaseInstruction,
    };
    await client.customers.create({ body: { customer } });
  }
}
