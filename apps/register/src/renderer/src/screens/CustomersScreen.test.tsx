import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRegister } from './test-support';

async function openCustomers(user: ReturnType<typeof renderRegister>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Mer' }));
  await user.click(screen.getByRole('button', { name: /Hämta kund/ }));
  await screen.findByRole('heading', { name: 'Kunder' });
}

describe('customers (MORE → GET CUSTOMER)', () => {
  it('lets a manager add a customer, validating each field as it is typed, and shows the number after saving', async () => {
    const { user, core } = renderRegister({ signedIn: 'manager' });
    await openCustomers(user);
    await user.click(screen.getByRole('button', { name: '+ Lägg till kund' }));
    expect(screen.getByText('Kundnumret skapas när kunden sparas.')).toBeTruthy();
    for (const legend of ['Intern kund', 'Kundinformation', 'Fakturauppgifter', 'Fakturaadress', 'Kontaktuppgifter']) {
      expect(screen.getByRole('group', { name: legend })).toBeTruthy();
    }

    const org = screen.getByLabelText('Organisationsnummer');
    await user.type(org, '556036-0794');
    expect(org.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Ogiltigt organisations- eller personnummer.')).toBeTruthy();
    await user.clear(org);
    await user.type(org, '556036-0793');
    expect(org.getAttribute('aria-invalid')).toBe('false');

    // Whole values arrive at once (as pasted), to keep this long form quick to fill in.
    const fill = async (label: string, value: string) => {
      await user.click(screen.getByLabelText(label));
      await user.paste(value);
    };
    await fill('Namn', 'Ny Förening');
    await fill('Gatuadress', 'Storgatan 1');
    await fill('Postnummer', '21122');
    await fill('Ort', 'Malmö');
    await fill('E-postadress', 'ekonomi@');
    expect(screen.getByText('Ogiltig e-postadress.')).toBeTruthy();
    await fill('E-postadress', 'example.se');
    expect(screen.queryByText('Ogiltig e-postadress.')).toBeNull();
    await fill('Köpinstruktion', 'Uppge avdelning');
    // Both countries are chosen by name and stored as ISO codes; the billing country from every country.
    const land = screen.getByRole('combobox', { name: 'Land' });
    expect(within(land).getAllByRole('option').map((o) => o.textContent)).toEqual(['Sverige', 'Norge']);
    const billing = screen.getByRole('combobox', { name: 'Land (faktura)' });
    expect((billing as HTMLSelectElement).value).toBe('SE');
    expect(within(billing).getAllByRole('option').length).toBeGreaterThan(240);
    await user.selectOptions(billing, within(billing).getByRole('option', { name: 'Tyskland' }));
    await user.click(screen.getByRole('button', { name: /Spara/ }));

    expect(await screen.findByText('Kunden är sparad med kundnummer 2001.')).toBeTruthy();
    expect(core.created[0]).toMatchObject({ name: 'Ny Förening', orgNumber: '556036-0793', purchaseInstruction: 'Uppge avdelning', postalCode: '21122', billingCountry: 'DE' });
  });

  it('shows the core’s field errors next to the field they name', async () => {
    const { user, core } = renderRegister({ signedIn: 'manager' });
    core.handlers['customers/create'] = () => ({
      ok: false,
      error: { code: 'VALIDATION', message: 'bad', field: 'externalId', details: [{ field: 'externalId', code: 'INVALID', message: 'externalId: must not contain control characters' }] },
    });
    await openCustomers(user);
    await user.click(screen.getByRole('button', { name: '+ Lägg till kund' }));
    await user.click(screen.getByRole('checkbox', { name: 'Intern kund' }));
    await user.type(screen.getByLabelText('Externt id'), 'AG-77');
    await user.type(screen.getByLabelText('Namn'), 'Intern AB');
    await user.type(screen.getByLabelText('Organisationsnummer'), '556036-0793');
    await user.click(screen.getByRole('button', { name: /Spara/ }));
    const field = (await screen.findByText('Ogiltigt värde.')).closest('.field')!;
    expect(within(field as HTMLElement).getByLabelText('Externt id')).toBeTruthy();
  });

  it('edits the chosen customer with the pen icon', async () => {
    const { user, core, transport } = renderRegister({ signedIn: 'manager' });
    core.created.push({
      id: '55555555-5555-4555-8555-555555555555',
      customerNumber: 1500,
      active: true,
      internal: false,
      externalId: null,
      name: 'Ekbackens förskola',
      orgNumber: '212000-1355',
      country: 'SE',
      street: 'Ekvägen 2',
      postalCode: '222 22',
      city: 'Lund',
      billingCountry: 'SE',
      email: 'forskola@example.se',
      phone: null,
      invoicingEnabled: true,
      purchaseInstruction: null,
      version: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    core.handlers['customers/update'] = ({ id, baseVersion, customer }) => ({ customer: { ...core.created[0]!, ...customer, id, version: baseVersion + 1 } as never });
    await openCustomers(user);
    expect(screen.getByRole('button', { name: 'Redigera kund' }).hasAttribute('disabled')).toBe(true);
    await user.click(await screen.findByRole('option', { name: /Ekbackens förskola/ }));
    await user.click(screen.getByRole('button', { name: 'Redigera kund' }));
    expect(await screen.findByRole('heading', { name: 'Redigera Ekbackens förskola' })).toBeTruthy();
    expect(screen.getByText('1500')).toBeTruthy();
    await user.click(screen.getByLabelText('Telefonnummer'));
    await user.paste('040-123456');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(transport.callsOf('customers/update')).toHaveLength(1));
    expect(transport.callsOf('customers/update')[0]).toMatchObject({ id: '55555555-5555-4555-8555-555555555555', baseVersion: 3, customer: { phone: '040-123456', name: 'Ekbackens förskola' } });
  });

  it('lets a cashier look but not add or edit while only managers may', async () => {
    const { user } = renderRegister({ signedIn: 'cashier' });
    await openCustomers(user);
    expect(screen.getByText('Endast butikschef kan lägga till och ändra kunder.')).toBeTruthy();
    expect(screen.getByRole('button', { name: '+ Lägg till kund' }).hasAttribute('disabled')).toBe(true);
  });

  it('lets a cashier add customers when the setting allows it', async () => {
    const { user } = renderRegister({ signedIn: 'cashier', settings: { customerEditRole: 'cashier' } });
    await openCustomers(user);
    expect(screen.getByRole('button', { name: '+ Lägg till kund' }).hasAttribute('disabled')).toBe(false);
  });

  it('scrolls through every customer a page at a time, with only the rows in view in the page', async () => {
    const { user, transport } = renderRegister({ signedIn: 'cashier', crowd: 250 });
    await openCustomers(user);
    const list = screen.getByRole('listbox', { name: 'Kunder' });
    await within(list).findByRole('option', { name: /Björkskolan/ });
    await user.click(screen.getByRole('combobox', { name: 'Sök kund' }));
    // Page Down moves ten rows a press, down to the last customer: the list asks for each page in turn.
    // (Plain selectors in the loop: Testing Library's role queries are slow in jsdom.)
    const options = () => list.querySelectorAll('[role="option"]');
    const last = () => [...options()].find((o) => o.textContent?.startsWith('Kund 00250'));
    for (let press = 0; press < 40 && !last(); press++) {
      await user.keyboard('{PageDown}');
      expect(options().length).toBeLessThan(40);
    }
    expect(last()?.getAttribute('aria-setsize')).toBe('252');
    expect(list.getAttribute('data-complete')).toBe('true');
    const cursors = transport.callsOf('customers/search').map((c) => (c as { cursor?: string }).cursor);
    expect(cursors.filter(Boolean)).toEqual(['100', '200']);
  });
});
