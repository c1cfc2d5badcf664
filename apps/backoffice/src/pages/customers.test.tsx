import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { customer, fakeApi, refusal, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

/** The error shown for a field: the text its aria-describedby points at. */
function errorOf(field: HTMLElement): string | null {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('field__error'))?.textContent ?? null;
}

describe('customers', () => {
  it('searches on the server as you type, pages after the last customer shown with the total, and says when nothing matches', async () => {
    const many = Array.from({ length: 50 }, (_, i) => customer({ id: `0b6c1f3e-1111-4111-8111-${String(i).padStart(12, '0')}`, customerNumber: 1000 + i, name: `Kund ${i}` }));
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/customers': (r) =>
        r.query.get('q') === 'ingen'
          ? { body: { customers: [], total: 0, totalCapped: false } }
          : { body: { customers: r.query.get('after') === '1049' ? [customer({ name: 'Sista kunden' })] : many, total: 51, totalCapped: false } },
    });
    const { user } = renderApp('/customers');
    await screen.findByRole('link', { name: 'Kund 0' });
    expect(screen.getByText('1–50 av 51')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Nästa/ }));
    await screen.findByRole('link', { name: 'Sista kunden' });
    expect(server.last('GET', '/api/customers')!.query.get('after')).toBe('1049');
    expect(screen.getByText('51–51 av 51')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Nästa/ })?.hasAttribute('disabled') ?? true).toBe(true);

    await user.type(screen.getByLabelText('Sök kund'), 'ingen');
    await screen.findByText('Ingen kund matchar ”ingen”.');
    const search = server.last('GET', '/api/customers')!;
    expect(search.query.get('q')).toBe('ingen');
    expect(search.query.get('after')).toBeNull();
  });

  it('says "more than" when the server stopped counting, and still offers the next page', async () => {
    const many = Array.from({ length: 50 }, (_, i) => customer({ id: `0b6c1f3e-1111-4111-8111-${String(i).padStart(12, '0')}`, customerNumber: 1000 + i, name: `Kund ${i}` }));
    fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/customers': { body: { customers: many, total: 10_000, totalCapped: true } },
    });
    renderApp('/customers');
    await screen.findByRole('link', { name: 'Kund 0' });
    expect(screen.getByText('1–50 av fler än 10000')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Nästa/ }).hasAttribute('disabled')).toBe(false);
  });

  it('checks each field as it is typed with the server’s rules, shows the server’s field errors beside the field, and saves blanks as none', async () => {
    let posts = 0;
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'POST /api/customers': () =>
        ++posts === 1
          ? refusal(400, { code: 'INVALID_CUSTOMER', message: 'email: domain does not exist', field: 'body.customer.email', details: [{ field: 'body.customer.email', code: 'INVALID_EMAIL', message: 'email: domain does not exist' }] })
          : { body: { customer: customer({ id: '0b6c1f3e-2222-4222-8222-222222222222', customerNumber: 1042, name: 'Ekskolan', purchaseInstruction: null, phone: null }) } },
      'GET /api/customers/:id': { body: { customer: customer({ id: '0b6c1f3e-2222-4222-8222-222222222222', customerNumber: 1042, name: 'Ekskolan' }) } },
      'GET /api/customer-conflicts': { body: { conflicts: [] } },
    });
    const { user, location } = renderApp('/customers/new');
    await screen.findByRole('heading', { name: 'Ny kund' });
    for (const legend of ['Intern kund', 'Kundinformation', 'Fakturauppgifter', 'Fakturaadress', 'Kontaktuppgifter']) {
      expect(screen.getByRole('group', { name: legend })).toBeTruthy();
    }
    const org = screen.getByLabelText('Organisationsnummer');
    await user.type(org, '212000-1356');
    await waitFor(() => expect(errorOf(org)).toBe('Ogiltigt organisations- eller personnummer.'));
    expect(org.getAttribute('aria-invalid')).toBe('true');
    await user.clear(org);
    await user.type(org, '212000-1355');
    await waitFor(() => expect(errorOf(org)).toBeNull());

    await user.type(screen.getByLabelText('Namn'), 'Ekskolan');
    await user.type(screen.getByLabelText('Gatuadress'), 'Ekvägen 2');
    await user.type(screen.getByLabelText('Postnummer'), '271 41');
    await user.type(screen.getByLabelText('Ort'), 'Ystad');
    await user.type(screen.getByLabelText('E-postadress'), 'ekonomi@ekskolan.example');
    // The billing country is chosen by its Swedish name and sent as its ISO code.
    const billingCountry = screen.getByLabelText('Land (faktura)');
    expect(within(billingCountry).getByRole('option', { name: 'Tyskland' })).toBeTruthy();
    await user.selectOptions(billingCountry, 'DE');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const email = screen.getByLabelText('E-postadress');
    await waitFor(() => expect(errorOf(email)).toBe('Ogiltig e-postadress.'));
    expect(server.last('POST', '/api/customers')!.body).toEqual({
      customer: {
        active: true,
        internal: false,
        externalId: null,
        name: 'Ekskolan',
        orgNumber: '212000-1355',
        country: 'SE',
        street: 'Ekvägen 2',
        postalCode: '271 41',
        city: 'Ystad',
        billingCountry: 'DE',
        email: 'ekonomi@ekskolan.example',
        phone: null,
        invoicingEnabled: true,
        purchaseInstruction: null,
      },
    });

    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect((await screen.findByRole('status')).textContent).toBe('Kunden är sparad med kundnummer 1042.');
    expect(location.history?.at(-1)).toBe('/customers/0b6c1f3e-2222-4222-8222-222222222222');
  });

  it('edits with the version it was read at, and shows a clash with a register’s edit with both values', async () => {
    const c = customer();
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/customers/:id': { body: { customer: c } },
      'PUT /api/customers/:id': refusal(409, { code: 'STALE_VERSION', message: 'stale', field: 'baseVersion' }),
      'GET /api/customer-conflicts': {
        body: { conflicts: [{ id: 1, customerId: c.id, field: 'phone', headOfficeValue: '0411-123', registerValue: '0411-999', registerId: null, eventId: null, createdAt: '2026-11-20T10:00:00.000Z' }] },
      },
    });
    const { user } = renderApp(`/customers/${c.id}`);
    await screen.findByRole('heading', { name: 'Redigera kund 1001' });
    const clash = await screen.findByRole('region', { name: 'Ändringar från kassor som krockade' });
    const row = within(clash).getByRole('row', { name: /Telefonnummer/ });
    expect(row.textContent).toContain('0411-123');
    expect(row.textContent).toContain('0411-999');

    await user.clear(screen.getByLabelText('Ort'));
    await user.type(screen.getByLabelText('Ort'), 'Simrishamn');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Kunden har ändrats av någon annan');
    expect(server.last('PUT', `/api/customers/${c.id}`)!.body).toMatchObject({ baseVersion: 3, customer: { city: 'Simrishamn' } });
  });
});
