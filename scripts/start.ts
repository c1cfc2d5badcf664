// npm start: the whole system on this machine with embedded defaults.
//   - the Nota server on HOST:PORT (default 127.0.0.1:8080) with embedded PGlite in NOTA_DATA_DIR/server;
//   - head-office demo data (catalog, register users, customers) on first start;
//   - one register (the headless core on NOTA_DATA_DIR/register.sqlite) enrolled with a real code and
//     syncing in the background, with a virtual receipt printer on loopback;
//   - a demo invoice sale with its delivery note, then everything keeps running until Ctrl+C.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CustomerInput } from '@nota/protocol';
import { createRegisterCore } from '@nota/register-core';
import { startVirtualPrinter } from '@nota/register-core/printing';
import { DEMO_GROUPS, DEMO_PRODUCTS, DEMO_USERS, generateCustomers } from '@nota/register-core/seed';
import { buildApp } from '@nota/server';
import { runDemoSale } from './demo/demo-sale';
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

const app = await buildApp({ pgliteDir: join(dataDir, 'server', 'pglite'), adminApiKey: apiKey, logger: { level: 'warn' } });
await app.listen({ host, port });
const serverUrl = `http://${host}:${port}`;
const admin = createAdminClient(serverUrl, apiKey);

const seededMarker = join(dataDir, 'server', 'demo-seeded');
if (!existsSync(seededMarker)) {
  console.log('First start: adding demo catalog, register users and 300 customers at head office…');
  await seedHeadOffice(admin);
  writeFileSync(seededMarker, new Date().toISOString());
}

const printer = await startVirtualPrinter();
const core = createRegisterCore({ dbPath: join(dataDir, 'register.sqlite'), sync: { autoStart: true } });
if (core.sync.status().state === 'not-enrolled') {
  const { enrolmentCode } = await admin.request<{ enrolmentCode: string }>('POST', '/api/registers', { name: 'Kassa 1', costCentreCode: 'DEMO' });
  await core.sync.enrol(serverUrl, enrolmentCode);
  console.log(`Register enrolled with code ${enrolmentCode}.`);
}
await core.sync.syncOnce();
await runDemoSale(core, printer);
await core.sync.syncOnce();
const { count } = await admin.request<{ count: number }>('GET', '/api/sales/count');

console.log(`
Nota is running.
  Server:        ${serverUrl}  (health ${serverUrl}/healthz, OpenAPI ${serverUrl}/docs/json)
  Admin API key: stored in ${keyFile}
  Register:      ${join(dataDir, 'register.sqlite')}, sync ${core.sync.status().state}, ${core.sync.status().pending} event(s) pending
  Printer:       virtual, ${printer.url}
  Server has ${count} sale(s). Try: NOTA_API_KEY=$(cat ${keyFile}) npm run loadgen -- --server ${serverUrl} --registers 5 --sales 100
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await core.close();
      await printer.close();
      await app.close();
      process.exit(0);
    })();
  });
}

async function seedHeadOffice(client: AdminClient): Promise<void> {
  await client.request('POST', '/api/cost-centres', { code: 'DEMO', name: 'Museibutiken' });
  for (const group of DEMO_GROUPS) await client.request('PUT', `/api/product-groups/${group.id}`, group);
  for (const product of DEMO_PRODUCTS) await client.request('PUT', `/api/products/${product.id}`, product);
  for (const user of DEMO_USERS) await client.request('PUT', `/api/register-users/${user.id}`, { name: user.name, role: user.role, pin: user.pin });
  for (const c of generateCustomers(300, { seed: 11 })) {
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
