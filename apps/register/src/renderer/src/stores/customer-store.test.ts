import { describe, expect, it } from 'vitest';
import type { Customer, CustomerInput } from '@nota/protocol';
import { createCustomerStore, PAGE_SIZE } from './customer-store';
import { createFakeTransport } from './fake-transport';
import { customers } from './test-fixtures';

const input: CustomerInput = {
  active: true,
  internal: false,
  name: 'Ny Kund AB',
  orgNumber: '556036-0793',
  country: 'SE',
  street: 'Storgatan 1',
  postalCode: '211 22',
  city: 'Malmö',
  email: 'ekonomi@example.se',
  invoicingEnabled: true,
};

describe('customer store', () => {
  it('shows the answer to the latest keystroke even when an earlier search answers later', async () => {
    const gates = new Map<string, () => void>();
    const transport = createFakeTransport({
      'customers/search': ({ query }) =>
        new Promise((resolve) =>
          gates.set(query, () => resolve({ customers: Object.values(customers).filter((c) => c.name.toLowerCase().startsWith(query.toLowerCase())), nextCursor: null })),
        ),
    });
    const store = createCustomerStore(transport);
    const first = store.getState().search('s');
    const second = store.getState().search('bj');
    gates.get('bj')!();
    await second;
    gates.get('s')!();
    await first;
    expect(store.getState().results.map((c) => c.name)).toEqual(['Björkskolan']);
    expect(transport.callsOf('customers/search')[0]).toMatchObject({ includeInactive: true, limit: PAGE_SIZE });
  });

  it('appends the next page of the same search, and drops a page that arrives after a newer keystroke', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ ...customers.school!, id: `id-${i}`, name: `Kund ${i}` }));
    let gate: (() => void) | null = null;
    const transport = createFakeTransport({
      'customers/search': async ({ query, limit = 20, cursor }) => {
        if (query === 'slow') await new Promise<void>((resolve) => (gate = resolve));
        const from = cursor ? Number(cursor) : 0;
        return { customers: all.slice(from, from + limit), nextCursor: from + limit < all.length ? String(from + limit) : null };
      },
    });
    const store = createCustomerStore(transport);
    await store.getState().search('');
    await store.getState().loadMore();
    await store.getState().loadMore();
    expect(store.getState().results.map((c) => c.id)).toEqual(all.map((c) => c.id));
    expect(store.getState().nextCursor).toBeNull();
    await store.getState().loadMore();
    expect(transport.callsOf('customers/search')).toHaveLength(3);
    expect(transport.callsOf('customers/search')[1]).toMatchObject({ query: '', cursor: String(PAGE_SIZE) });

    await store.getState().search('k');
    const more = store.getState().loadMore();
    const newer = store.getState().search('slow');
    await more;
    gate!();
    await newer;
    expect(store.getState().results).toHaveLength(PAGE_SIZE);
    expect(store.getState().resultsFor).toBe('slow');
  });

  it('creates a customer with one id, so a retry after a lost answer does not create two', async () => {
    let attempts = 0;
    const transport = createFakeTransport({
      'customers/search': () => ({ customers: [], nextCursor: null }),
      'customers/create': ({ id, customer }) => {
        attempts += 1;
        if (attempts === 1) return { ok: false, error: { code: 'TRANSPORT', message: 'lost' } };
        return { customer: { ...customer, id: id!, customerNumber: 1003, version: 1 } as unknown as Customer };
      },
    });
    const store = createCustomerStore(transport);
    store.getState().beginCreate();
    expect(await store.getState().save(input)).toMatchObject({ error: { code: 'TRANSPORT' } });
    expect(await store.getState().save(input)).toMatchObject({ customer: { customerNumber: 1003 } });
    const [a, b] = transport.callsOf('customers/create') as { id: string }[];
    expect(a!.id).toBe(b!.id);
    store.getState().beginCreate();
    await store.getState().save(input);
    expect((transport.callsOf('customers/create')[2] as { id: string }).id).not.toBe(a!.id);
  });

  it('edits on the version that was shown and hands back field errors', async () => {
    const transport = createFakeTransport({
      'customers/update': () => ({
        ok: false,
        error: { code: 'VALIDATION', message: 'bad', field: 'email', details: [{ field: 'email', code: 'INVALID_EMAIL', message: 'email: bad' }] },
      }),
    });
    const store = createCustomerStore(transport);
    const answer = await store.getState().save(input, { id: customers.school!.id, version: 4 });
    expect(answer).toMatchObject({ error: { details: [{ field: 'email', code: 'INVALID_EMAIL' }] } });
    expect(transport.callsOf('customers/update')[0]).toMatchObject({ id: customers.school!.id, baseVersion: 4 });
  });
});
