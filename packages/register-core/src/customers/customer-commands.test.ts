import type { CustomerInput } from '@nota/protocol';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { addNumberBlock } from './customer-numbers';

let reg: TestRegister;
beforeEach(async () => {
  reg = createTestRegister({ customers: 5 });
  await reg.signInAs('manager');
});
afterEach(() => reg.dispose());

const valid: CustomerInput = {
  active: true,
  internal: false,
  name: 'Östergrens Måleri AB',
  orgNumber: '5560360793',
  country: 'SE',
  street: 'Storgatan 1',
  postalCode: '21122',
  city: 'Malmö',
  email: 'faktura@ostergrens.se',
  phone: '040-123 45 67',
  invoicingEnabled: true,
  purchaseInstruction: 'Köparen ska uppge fullständigt namn',
};

/** The outbox's events besides the journal's lines (application start, sign-in). */
function outboxTypes(): string[] {
  return (reg.core.context.store.sqlite.prepare("SELECT type FROM outbox WHERE type <> 'journal.logged' ORDER BY seq").all() as { type: string }[]).map((r) => r.type);
}

describe('creating a customer at the register', () => {
  it('validates, normalises and numbers it from the leased block, with an outbox event', async () => {
    const { customer } = await reg.call('customers/create', { customer: valid });
    expect(customer).toMatchObject({ customerNumber: 500_000, orgNumber: '556036-0793', postalCode: '211 22', version: 1 });
    const second = await reg.call('customers/create', { customer: { ...valid, name: 'Åhléns Café HB' } });
    expect(second.customer.customerNumber).toBe(500_001);
    expect(outboxTypes()).toEqual(['customer.created', 'customer.created']);
    expect((await reg.call('customers/numbers', {})).remaining).toBe(998);
  });

  it('creates an internal customer from name, organisation number and external id alone', async () => {
    const { customer } = await reg.call('customers/create', {
      customer: { active: true, internal: true, externalId: 'K-10442', name: 'Kulturförvaltningen Lund', orgNumber: '212000-1132', country: 'SE', invoicingEnabled: true },
    });
    expect(customer).toMatchObject({ internal: true, externalId: 'K-10442', street: null });
  });

  it.each([
    ['a NUL', 'Nul\u0000 AB'],
    ['an unpaired surrogate', 'Trasig \ud800 AB'],
  ])('refuses a name with %s with a field error, so no event the server cannot store enters the outbox', async (_label, name) => {
    const result = await reg.core.send('customers/create', { customer: { ...valid, name } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.details?.map((d) => d.field)).toEqual(['customer.name']);
    expect(outboxTypes()).toEqual([]);
  });

  it('answers every invalid field at once and stores nothing', async () => {
    const result = await reg.core.send('customers/create', {
      customer: { ...valid, orgNumber: '556036-0794', email: 'not-an-email', street: '' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.details?.map((d) => d.field).sort()).toEqual(['email', 'orgNumber', 'street']);
    expect(result.error.details?.find((d) => d.field === 'orgNumber')?.code).toBe('INVALID_ORG_NUMBER');
    expect(outboxTypes()).toEqual([]);
  });

  it('requires an external id for an internal customer', async () => {
    const result = await reg.core.send('customers/create', { customer: { ...valid, internal: true, externalId: null } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'externalId' } });
  });

  it('returns the customer already created when the same id is retried', async () => {
    const id = randomUUID();
    const first = await reg.call('customers/create', { id, customer: valid });
    const second = await reg.call('customers/create', { id, customer: valid });
    expect(second.customer).toEqual(first.customer);
    expect(outboxTypes()).toEqual(['customer.created']);
  });

  it('says clearly when the leased numbers run out, and uses no number for the refused save', async () => {
    const { db } = reg.core.context;
    reg.core.context.store.sqlite.exec('DELETE FROM customer_number_blocks');
    addNumberBlock(db, { id: 'tiny', firstNumber: 700, lastNumber: 700 }, new Date().toISOString());
    expect((await reg.call('customers/create', { customer: valid })).customer.customerNumber).toBe(700);
    const refused = await reg.core.send('customers/create', { customer: { ...valid, name: 'Nästa AB' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CUSTOMER_NUMBERS_EXHAUSTED' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/no customer numbers left/);
    addNumberBlock(db, { id: 'next', firstNumber: 800, lastNumber: 899 }, new Date().toISOString());
    expect((await reg.call('customers/create', { customer: { ...valid, name: 'Nästa AB' } })).customer.customerNumber).toBe(800);
    expect(outboxTypes()).toEqual(['customer.created', 'customer.created']);
  });

  it('refuses overlapping number blocks', () => {
    const { db } = reg.core.context;
    expect(() => addNumberBlock(db, { id: 'overlap', firstNumber: 500_500, lastNumber: 501_500 }, new Date().toISOString())).toThrow(/overlaps/);
  });

  it('is a manager task by default, and a setting can open it to cashiers', async () => {
    await reg.signInAs('cashier');
    const refused = await reg.core.send('customers/create', { customer: valid });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const settingsByCashier = await reg.core.send('settings/update', { customerEditRole: 'cashier' });
    expect(settingsByCashier).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await reg.signInAs('manager');
    await reg.call('settings/update', { customerEditRole: 'cashier' });
    await reg.signInAs('cashier');
    expect((await reg.core.send('customers/create', { customer: valid })).ok).toBe(true);
  });
});

describe('editing a customer at the register', () => {
  it('bumps the version and records only the changed fields', async () => {
    const { customer } = await reg.call('customers/create', { customer: valid });
    const { customer: edited } = await reg.call('customers/update', {
      id: customer.id,
      baseVersion: 1,
      customer: { ...valid, city: 'Lund', postalCode: '222 21' },
    });
    expect(edited).toMatchObject({ version: 2, city: 'Lund', postalCode: '222 21', customerNumber: customer.customerNumber });
    const payload = JSON.parse(
      (reg.core.context.store.sqlite.prepare("SELECT payload FROM outbox WHERE type = 'customer.updated'").get() as { payload: string }).payload,
    );
    expect(payload).toMatchObject({ baseVersion: 1, changedFields: ['postalCode', 'city'] });
  });

  it('names the server version it built on as the base of every edit, however many local edits', async () => {
    const { customer } = await reg.call('customers/create', { customer: valid });
    await reg.call('customers/update', { id: customer.id, baseVersion: 1, customer: { ...valid, city: 'Lund' } });
    const { customer: twice } = await reg.call('customers/update', { id: customer.id, baseVersion: 2, customer: { ...valid, city: 'Ystad' } });
    expect(twice.version).toBe(3);
    const bases = (
      reg.core.context.store.sqlite.prepare("SELECT json_extract(payload, '$.baseVersion') AS base FROM outbox WHERE type = 'customer.updated'").all() as { base: number }[]
    ).map((r) => r.base);
    expect(bases).toEqual([1, 1]);
  });

  it('writes nothing when nothing changed', async () => {
    const { customer } = await reg.call('customers/create', { customer: valid });
    const { customer: same } = await reg.call('customers/update', { id: customer.id, baseVersion: 1, customer: valid });
    expect(same.version).toBe(1);
    expect(outboxTypes()).toEqual(['customer.created']);
  });

  it('refuses an edit made on a stale version', async () => {
    const { customer } = await reg.call('customers/create', { customer: valid });
    await reg.call('customers/update', { id: customer.id, baseVersion: 1, customer: { ...valid, city: 'Lund' } });
    const stale = await reg.core.send('customers/update', { id: customer.id, baseVersion: 1, customer: { ...valid, phone: '040-11 22 33' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STALE_VERSION', field: 'baseVersion' } });
    expect((await reg.call('customers/get', { id: customer.id })).customer.phone).toBe('040-123 45 67');
  });

  it('keeps the search index in step with a renamed customer', async () => {
    const { customer } = await reg.call('customers/create', { customer: valid });
    await reg.call('customers/update', { id: customer.id, baseVersion: 1, customer: { ...valid, name: 'Zebrafärg Öst AB' } });
    const found = await reg.call('customers/search', { query: 'zebrafarg' });
    expect(found.customers.map((c) => c.id)).toEqual([customer.id]);
    expect((await reg.call('customers/search', { query: 'ostergrens maleri' })).customers.map((c) => c.id)).not.toContain(customer.id);
  });
});
