// npm start: the whole system on this machine with embedded defaults.
//   - the Nota server on HOST:PORT (default 127.0.0.1:8080) with embedded PGlite in NOTA_DATA_DIR/server;
//   - an Agresso (Business World) simulator on AGRESSO_SIM_PORT (default 8090), its state in
//     NOTA_DATA_DIR/agresso-sim.json, which already knows the municipality's internal customers;
//   - head-office demo data (catalog, register users, customers, seller details, chart of accounts,
//     the Agresso connection) on first start;
//   - one register (the headless core on NOTA_DATA_DIR/register.sqlite) enrolled with a real code and
//     syncing in the background, with a virtual receipt printer on loopback;
//   - a demo invoice sale with its delivery note, followed through to its voucher in Agresso, then
//     everything keeps running until Ctrl+C.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAgressoSimulator } from '@nota/agresso/simulator';
import type { CustomerInput } from '@nota/protocol';
import { ensureRendererBuilt, RENDERER_DIR, startRegisterHost } from '@nota/register/shell';
import { createRegisterCore } from '@nota/register-core';
import { startVirtualPrinter } from '@nota/register-core/printing';
import { DEMO_GROUPS, DEMO_PRODUCTS, DEMO_USERS, generateCustomers } from '@nota/register-core/seed';
import { buildApp, loadSecretKey } from '@nota/server';
import { runDemoSale } from './demo/demo-sale';
import { configureInvoicing } from './demo/invoicing-setup';
import { followInvoice } from './demo/follow-invoice';
import { createAdminClient, type AdminClient } from './loadgen/admin-client';

const dataDir = resolve(process.env.NOTA_DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);

// A key generated for this installation, never a default one; kept beside the data for the demo.
const keyFile = join(dataDir, 'admin-api-key');
const apiKey =
  process.env.NOTA_ADMIN_API_KEY ??
  (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : `nak_${randomBytes(32).toString('base64url')}`);
if (!process.env.NOTA_ADMIN_API_KEY && !existsSync(keyFile)) writeFileSync(keyFile, apiKey, { mode: 0o600 });

const demoCustomers = [...generateCustomers(300, { seed: 11 })];

// The simulator's password, like the admin key, is made for this installation and kept beside the data.
const simPasswordFile = join(dataDir, 'agresso-sim-password');
const simPassword = existsSync(simPasswordFile) ? readFileSync(simPasswordFile, 'utf8').trim() : randomBytes(12).toString('base64url');
if (!existsSync(simPasswordFile)) writeFileSync(simPasswordFile, simPassword, { mode: 0o600 });
const agresso = await startAgressoSimulator({
  port: Number(process.env.AGRESSO_SIM_PORT ?? 8090),
  username: 'NOTA',
  client: '10',
  password: simPassword,
  stateFile: join(dataDir, 'agresso-sim.json'),
  // Internal customers are the municipality's own units: Business World has them already.
  customers: demoCustomers.filter((c) => c.internal && c.externalId).map((c) => ({ customerId: c.externalId!, name: c.name })),
});

const app = await buildApp({
  pgliteDir: join(dataDir, 'server', 'pglite'),
  adminApiKey: apiKey,
  secretKey: loadSecretKey({ keyFile: join(dataDir, 'server', 'secret.key') }),
  logger: { level: 'warn' },
});
await app.listen({ host, port });
const serverUrl = `http://${host}:${port}`;
const admin = createAdminClient(serverUrl, apiKey);

const seededMarker = join(dataDir, 'server', 'demo-seeded');
if (!existsSync(seededMarker)) {
  console.log('First start: adding demo catalog, register users, 300 customers and invoicing settings at head office…');
  await seedHeadOffice(admin);
  writeFileSync(seededMarker, new Date().toISOString());
}
// The connection follows the simulator (its port may differ from the last start).
await configureInvoicing(admin, { url: agresso.url, username: 'NOTA', client: '10', password: simPassword, confirmationTemplateId: 9001 });

const printer = await startVirtualPrinter();
const core = createRegisterCore({ dbPath: join(dataDir, 'register.sqlite'), sync: { autoStart: true } });
if (core.sync.status().state === 'not-enrolled') {
  const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name: 'Kassa 1', costCentreCode: 'DEMO' });
  await core.sync.enrol(serverUrl, enrolmentCode);
  console.log(`Register enrolled with code ${enrolmentCode}.`);
}
await core.sync.syncOnce();
const saleId = await runDemoSale(core, printer);
await core.sync.syncOnce();
await followInvoice(admin, saleId, { serverUrl, apiKey, pdfDir: dataDir });
const { count } = await admin.request<{ count: number }>('GET', '/api/sales/count');
// The register's screens in the browser shell, on the register that just sold.
ensureRendererBuilt();
const registerHost = await startRegisterHost({ core, rendererDir: RENDERER_DIR, port: Number(process.env.NOTA_REGISTER_PORT ?? 0) });

console.log(`
Nota is running.
  Server:        ${serverUrl}  (health ${serverUrl}/healthz, OpenAPI ${serverUrl}/docs/json)
  Admin API key: stored in ${keyFile}
  Register:      open ${registerHost.address}  (sign in: ${DEMO_USERS.map((u) => `${u.name} PIN ${u.pin}`).join(', ')})
                 ${join(dataDir, 'register.sqlite')}, sync ${core.sync.status().state}, ${core.sync.status().pending} event(s) pending
  Printer:       virtual, ${printer.url}
  Agresso:       simulator at ${agresso.url} (what it received: ${agresso.origin}/simulator/accepted)
  Server has ${count} sale(s). Try: NOTA_API_KEY=$(cat ${keyFile}) npm run loadgen -- --server ${serverUrl} --registers 5 --sales 100 --agresso ${agresso.origin} --agresso-password $(cat ${simPasswordFile})
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await registerHost.close();
      await core.close();
      await printer.close();
      await app.close();
      await agresso.close();
      process.exit(0);
    })();
  });
}

async function seedHeadOffice(client: AdminClient): Promise<void> {
  await client.request('POST', '/api/cost-centres', { code: 'DEMO', name: 'Museibutiken' });
  for (const group of DEMO_GROUPS) await client.request('PUT', `/api/product-groups/${group.id}`, group);
  for (const product of DEMO_PRODUCTS) await client.request('PUT', `/api/products/${product.id}`, product);
  for (const user of DEMO_USERS) await client.request('PUT', `/api/register-users/${user.id}`, { name: user.name, role: user.role, pin: user.pin });
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
    await client.request('POST', '/api/customers', { customer });
  }
}
