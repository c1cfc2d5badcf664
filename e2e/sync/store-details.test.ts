import { randomUUID } from 'node:crypto';
import { TEST_SELLER } from '@nota/domain/test-fixtures';
import type { Customer, CustomerInput } from '@nota/protocol';
import type { RegisterCore } from '@nota/register-core';
import { decodeEscPos, receiptText, startVirtualPrinter, type VirtualPrinter } from '@nota/register-core/printing';
import { generateCustomers } from '@nota/register-core/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from '../../scripts/loadgen/admin-client';
import { LOADGEN_CASHIER } from '../../scripts/loadgen/run-load';
import { e2eDatabases } from '../support/databases';
import { call, startSyncWorld, type SyncWorld } from '../support/sync-world';

const PLACEHOLDERS = ['Butiken', 'Företaget AB', '556036-0793'];
const storeManager = (costCentreCode: string) => ({ id: costCentreCode === 'LOAD' ? LOADGEN_CASHIER.id : `manager-${costCentreCode.toLowerCase()}` });

// The delivery note names the seller head office set up, and the store of the register's own cost
// centre: both reach the register through the pull, as the invoice's seller reaches the PDF.
describe.each(e2eDatabases())('seller and store details on the delivery note (%s)', (kind) => {
  let world: SyncWorld;
  let admin: AdminClient;
  let printer: VirtualPrinter;
  let customer: Customer;

  beforeAll(async () => {
    world = await startSyncWorld(kind);
    admin = world.admin;
    await admin.request('POST', '/api/cost-centres', { code: 'YSTAD', name: 'Museibutiken Ystad', address: 'Stora Östergatan 11, 271 34 Ystad' });
    await admin.request('POST', '/api/cost-centres', { code: 'LUND', name: 'Kulturens butik Lund', address: 'Tegnérsplatsen 6, 223 50 Lund' });
    // Registers get only their own cost centre's users: one manager per store sells in this test.
    for (const code of ['YSTAD', 'LUND']) {
      const { id: _id, ...user } = LOADGEN_CASHIER;
      await admin.request('PUT', `/api/register-users/${storeManager(code).id}`, { ...user, name: `${user.name} ${code}`, costCentreCode: code });
    }
    const c = [...generateCustomers(1, { seed: 5 })][0]!;
    const customerInput: CustomerInput = {
      active: true, internal: false, externalId: null, name: 'Ystads kommun, Kultur', orgNumber: c.orgNumber, country: c.country,
      street: c.street, postalCode: c.postalCode, city: c.city, billingCountry: c.billingCountry, email: c.email, phone: c.phone,
      invoicingEnabled: true, purchaseInstruction: null,
    };
    customer = (await admin.request<{ customer: Customer }>('POST', '/api/customers', { customer: customerInput })).customer;
    printer = await startVirtualPrinter();
  }, 120_000);

  afterAll(async () => {
    await printer?.close();
    await world?.close();
  });

  async function registerIn(costCentreCode: string): Promise<RegisterCore> {
    const core = await world.register({ name: 'Kassa 3', costCentreCode, userId: storeManager(costCentreCode).id });
    await call(core, 'settings/update', { printerUrl: printer.url, printerTimeoutMs: 2_000 });
    return core;
  }

  async function printedNote(core: RegisterCore): Promise<string> {
    const { sale } = await call(core, 'sales/complete', {
      id: randomUUID(),
      lines: [{ productId: 'p-book', quantity: 1 }],
      payments: [{ method: 'invoice', amountOre: 29_900 }],
      invoice: { customerId: customer.id, buyerReference: 'Åsa Öberg', comment: null },
    });
    const before = printer.jobs.length;
    await call(core, 'delivery-notes/print', { saleId: sale.id });
    const jobs = await printer.waitForJobs(before + 1);
    return receiptText(decodeEscPos(jobs[before]!));
  }

  it('says nothing about a seller head office has not set up yet', async () => {
    const core = await registerIn('LOAD');
    const note = await printedNote(core);
    expect(note).toContain('Lastprov');
    // The customer's own org. number is a field ("Org.nr:"); the seller's would head the note.
    expect(note).not.toMatch(/Org\.nr \d/);
    for (const wrong of PLACEHOLDERS) expect(note).not.toContain(wrong);
    expect(await call(core, 'settings/get', {})).toMatchObject({ companyName: null, companyOrgNumber: null, storeName: 'Lastprov', storeAddress: null });
  });

  it("prints head office's seller and the register's own store once the pull has brought them, never placeholders", async () => {
    await admin.request('PUT', '/api/invoicing/seller', TEST_SELLER);
    const core = await registerIn('YSTAD');
    const note = await printedNote(core);
    for (const expected of ['FÖLJESEDEL', 'Museibutiken Ystad', 'Stora Östergatan 11, 271 34 Ystad', TEST_SELLER.name, `Org.nr ${TEST_SELLER.orgNumber}`]) {
      expect(note).toContain(expected);
    }
    for (const wrong of [...PLACEHOLDERS, 'Kulturens butik Lund', 'Tegnérsplatsen']) expect(note).not.toContain(wrong);
    expect(await call(core, 'settings/get', {})).toMatchObject({
      storeName: 'Museibutiken Ystad',
      storeAddress: 'Stora Östergatan 11, 271 34 Ystad',
      companyName: TEST_SELLER.name,
      companyOrgNumber: TEST_SELLER.orgNumber,
    });
  });

  it('follows head office when the seller or the store changes', async () => {
    const core = await registerIn('LUND');
    expect(await printedNote(core)).toContain('Kulturens butik Lund');

    await admin.request('PUT', '/api/invoicing/seller', { ...TEST_SELLER, name: 'Kulturen i Lund AB', orgNumber: '556677-8899', vatNumber: 'SE556677889901' });
    await admin.request('POST', '/api/cost-centres', { code: 'LUND', name: 'Kulturens museibutik', address: null });
    await core.sync.syncOnce();
    const note = await printedNote(core);
    for (const expected of ['Kulturens museibutik', 'Kulturen i Lund AB', 'Org.nr 556677-8899']) expect(note).toContain(expected);
    for (const gone of ['Tegnérsplatsen', TEST_SELLER.name, TEST_SELLER.orgNumber, ...PLACEHOLDERS]) expect(note).not.toContain(gone);
  });
});
