import type { ProductBody } from '@nota/protocol';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { fakeApi, refusal, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function errorOf(field: HTMLElement): string | null {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__error'))?.textContent ?? null;
}
function helpOf(field: HTMLElement): string | null {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__help'))?.textContent ?? null;
}

const product = (over: Partial<ProductBody> = {}): ProductBody => ({
  id: 'p-coffee',
  sku: '1001',
  barcode: '7310050001234',
  name: 'Kaffe bryggt',
  groupId: 'food',
  priceOre: 3_500,
  vatCode: 'food',
  active: true,
  ...over,
});
const catalog = {
  'GET /api/auth/session': { body: session },
  'GET /api/product-groups': { body: { productGroups: [{ id: 'books', name: 'Böcker' }, { id: 'food', name: 'Fika' }] } },
  'GET /api/vat-rates': {
    body: {
      vatRates: [
        { id: 'standard', code: 'standard', rateBp: 2500, validFrom: '1990-01-01', validTo: null },
        { id: 'reduced', code: 'reduced', rateBp: 600, validFrom: '1990-01-01', validTo: null },
        { id: 'food-old', code: 'food', rateBp: 1200, validFrom: '1990-01-01', validTo: '2000-01-01' },
        { id: 'food-now', code: 'food', rateBp: 1200, validFrom: '2000-01-02', validTo: null },
      ],
    },
  },
};

describe('products', () => {
  it('lists products with the group by name, the price in kronor and today’s VAT rate; searches, filters, sorts and pages on the server', async () => {
    const server = fakeApi({
      ...catalog,
      'GET /api/products': (r) => ({
        body: {
          products: r.query.get('offset') === '50' ? [product({ id: 'p-last', name: 'Sista artikeln' })] : [product(), product({ id: 'p-mug', sku: '4001', name: 'Mugg', groupId: null, barcode: null, priceOre: 14_950, vatCode: 'standard', active: false })],
          total: 51,
        },
      }),
    });
    const { user } = renderApp('/products');
    // The first page of a busy machine can take more than the usual wait.
    const row = (await screen.findByRole('link', { name: 'Kaffe bryggt' }, { timeout: 30_000 })).closest('tr')!;
    expect(within(row).getByText('Fika')).toBeTruthy();
    expect(within(row).getByText(/^35,00\skr$/)).toBeTruthy();
    expect(within(row).getByText(/^12\s%$/)).toBeTruthy();
    const mug = screen.getByRole('link', { name: 'Mugg' }).closest('tr')!;
    expect(within(mug).getByText('Ingen varugrupp')).toBeTruthy();
    expect(within(mug).getByText(/^149,50\skr$/)).toBeTruthy();
    expect(within(mug).getByText('Inaktiv')).toBeTruthy();
    expect(server.last('GET', '/api/products')!.query.get('sort')).toBe('name');

    await user.click(screen.getByRole('button', { name: /Pris inkl\. moms/ }));
    await waitFor(() => expect(server.last('GET', '/api/products')!.query.get('sort')).toBe('price'));
    await user.click(screen.getByRole('button', { name: /Nästa/ }));
    await screen.findByRole('link', { name: 'Sista artikeln' });
    expect(server.last('GET', '/api/products')!.query.get('offset')).toBe('50');

    await user.selectOptions(screen.getByLabelText('Varugrupp'), 'books');
    await waitFor(() => expect(server.last('GET', '/api/products')!.query.get('groupId')).toBe('books'));
    expect(server.last('GET', '/api/products')!.query.get('offset')).toBe('0');
    await user.type(screen.getByLabelText('Sök artikel'), '7310');
    await waitFor(() => expect(server.last('GET', '/api/products')!.query.get('q')).toBe('7310'));
  });

  it('checks the barcode as it is typed, names the product that already has it, shows the server’s refusal beside the field, and saves the price in öre', async () => {
    let puts = 0;
    const server = fakeApi({
      ...catalog,
      'GET /api/products': (r) => ({ body: r.query.get('barcode') === '7310050001234' ? { products: [product()], total: 1 } : { products: [], total: 0 } }),
      'PUT /api/products/:id': (r) =>
        ++puts === 1
          ? refusal(409, { code: 'BARCODE_TAKEN', message: 'body.barcode: taken', field: 'body.barcode' })
          : { body: r.body },
      'GET /api/products/:id': (r) => ({ body: product({ id: decodeURIComponent(r.path.split('/').at(-1)!) }) }),
    });
    const { user, location } = renderApp('/products/new');
    await screen.findByRole('heading', { name: 'Ny artikel' });
    await user.type(screen.getByLabelText('Artikelnummer'), '5001');
    await user.type(screen.getByLabelText('Namn'), 'Tygkasse');
    await user.selectOptions(screen.getByLabelText('Varugrupp'), 'books');
    await user.type(screen.getByLabelText('Pris inkl. moms (kr)'), '49,5x');
    const price = screen.getByLabelText('Pris inkl. moms (kr)');
    await waitFor(() => expect(errorOf(price)).toBe('Ogiltigt belopp.'));
    await user.clear(price);
    await user.type(price, '49,50');
    await waitFor(() => expect(errorOf(price)).toBeNull());
    await user.selectOptions(screen.getByLabelText('Momssats'), 'reduced');
    expect(within(screen.getByLabelText('Momssats')).getByRole('option', { name: /Livsmedel · 12\s%/ })).toBeTruthy();

    const barcode = screen.getByLabelText('Streckkod (EAN)');
    await user.type(barcode, '7310 05');
    await waitFor(() => expect(errorOf(barcode)).toMatch(/utan mellanslag/));
    await user.clear(barcode);
    await user.type(barcode, '7310050001234');
    await waitFor(() => expect(errorOf(barcode)).toBe('Streckkoden används redan av Kaffe bryggt (art.nr 1001).'));
    expect(barcode.getAttribute('aria-invalid')).toBe('true');
    // Saving is held back while the barcode is taken.
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(puts).toBe(0);

    await user.clear(barcode);
    await user.type(barcode, '7310050001235');
    await waitFor(() => expect(helpOf(barcode)).toMatch(/Kontrollsiffran stämmer inte/));
    await user.clear(barcode);
    await user.type(barcode, '7310050001258');
    await waitFor(() => expect(errorOf(barcode)).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    // Someone else took it meanwhile: the server's refusal beside the field.
    await waitFor(() => expect(errorOf(barcode)).toBe('En annan artikel har redan den streckkoden.'));

    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await screen.findByText('Tygkasse är sparad och når kassorna vid nästa synk.');
    const sent = server.last('PUT', server.sent.filter((r) => r.method === 'PUT').at(-1)!.path)!;
    expect(sent.headers['x-csrf-token']).toBe(session.csrfToken);
    expect(sent.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), sku: '5001', name: 'Tygkasse', groupId: 'books', priceOre: 4_950, vatCode: 'reduced', barcode: '7310050001258', active: true });
    expect(sent.path).toBe(`/api/products/${(sent.body as ProductBody).id}`);
    await waitFor(() => expect(location.history.at(-1)).toBe(`/products/${(sent.body as ProductBody).id}`));
  });

  it('adds a product group and edits one, and refuses a code that is already taken', async () => {
    const server = fakeApi({
      ...catalog,
      'GET /api/products': { body: { products: [], total: 0 } },
      'PUT /api/product-groups/:id': (r) => ({ body: r.body }),
    });
    const { user } = renderApp('/products');
    const groups = await screen.findByRole('region', { name: 'Varugrupper' });
    await within(groups).findByText('Böcker');
    await user.type(within(groups).getByLabelText('Kod'), 'food');
    await user.type(within(groups).getByLabelText('Namn'), 'Mat');
    await user.click(within(groups).getByRole('button', { name: 'Lägg till varugrupp' }));
    await waitFor(() => expect(errorOf(within(groups).getByLabelText('Kod'))).toBe('Det finns redan en varugrupp med den koden.'));
    expect(server.sent.some((r) => r.method === 'PUT')).toBe(false);

    await user.click(within(groups).getByRole('button', { name: 'Redigera varugruppen Böcker' }));
    const name = within(groups).getByLabelText('Namn');
    expect((within(groups).getByLabelText('Kod') as HTMLInputElement).readOnly).toBe(true);
    await user.clear(name);
    await user.type(name, 'Böcker och kartor');
    await user.click(within(groups).getByRole('button', { name: 'Spara' }));
    await within(groups).findByText('Varugruppen Böcker och kartor är sparad.');
    expect(server.last('PUT', '/api/product-groups/books')!.body).toEqual({ id: 'books', name: 'Böcker och kartor' });
  });

  it('shows PRODUCTS to head office, and the administration pages only to administrators', async () => {
    fakeApi({ ...catalog, 'GET /api/invoices': { body: { invoices: [], next: null } }, 'GET /api/invoices/count': { body: { total: 0 } } });
    const first = renderApp('/invoices');
    const nav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    expect(within(nav).getByRole('link', { name: 'Artiklar' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Användare' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Ändringslogg' })).toBeNull();
    first.unmount();

    vi.unstubAllGlobals();
    fakeApi({ 'GET /api/auth/session': { body: { ...session, user: { ...session.user, role: 'store-manager', costCentres: ['A'] } } } });
    const second = renderApp('/users');
    await screen.findByRole('heading', { name: 'Den här sidan är inte för din roll' });
    expect(within(screen.getByRole('navigation', { name: 'Huvudmeny' })).queryByRole('link', { name: 'Artiklar' })).toBeNull();
    second.unmount();

    vi.unstubAllGlobals();
    fakeApi({ 'GET /api/auth/session': { body: { ...session, user: { ...session.user, role: 'administrator' } } }, 'GET /api/audit': { body: { entries: [], next: null } }, 'GET /api/users': { body: { users: [] } }, 'GET /api/api-keys': { body: { apiKeys: [] } } });
    renderApp('/audit');
    const adminNav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    for (const name of ['Artiklar', 'Användare', 'API-nycklar', 'Ändringslogg']) expect(within(adminNav).getByRole('link', { name })).toBeTruthy();
    await screen.findByText('Inga ändringar ännu.');
  });
});
