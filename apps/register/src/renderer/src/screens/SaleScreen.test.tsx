import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { scannerClock } from '../components/scanner';
import { renderRegister } from './test-support';

const plain = (s: string | null) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ').replace('\u2212', '-');
const total = () => plain(screen.getByRole('status', { name: 'Att betala' }).textContent);

/** Key times as a scanner makes them (5 ms apart) or as a person types (200 ms apart). */
function keysEvery(ms: number) {
  let t = 0;
  scannerClock.now = () => (t += ms);
}
afterEach(() => {
  scannerClock.now = () => performance.now();
});

describe('sale screen', () => {
  it('adds a product by search and Enter, shows totals with VAT per rate, and edits quantity and discount', async () => {
    const { user } = renderRegister({ signedIn: 'cashier' });
    const search = await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.type(search, 'mugg');
    await screen.findByRole('option', { name: /Mugg Öresund/ });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(total()).toBe('149,50 kr'));
    await user.click(screen.getByRole('button', { name: 'Öka antal Mugg Öresund' }));
    await waitFor(() => expect(total()).toBe('299,00 kr'));
    const vat = screen.getByRole('table', { name: 'Moms per sats' });
    expect(plain(within(vat).getAllByRole('row')[1]!.textContent)).toContain('25 %');

    await user.click(screen.getByRole('button', { name: 'Rabatt' }));
    const discount = screen.getByRole('form', { name: 'Rabatt på Mugg Öresund' });
    await user.type(within(discount).getByLabelText('Rabatt'), '10{Enter}');
    await waitFor(() => expect(total()).toBe('269,10 kr'));
  });

  it('takes a scanner’s burst wherever focus is and leaves that field as it was', async () => {
    const { transport } = renderRegister({ signedIn: 'cashier' });
    const search = await screen.findByRole('combobox', { name: /Sök vara/ });
    fireEvent.change(search, { target: { value: 'kaf' } });
    keysEvery(5);
    for (const key of '7350000000019') {
      fireEvent.keyDown(search, { key });
      fireEvent.change(search, { target: { value: (search as HTMLInputElement).value + key } });
    }
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Mugg Öresund' })).toBeTruthy());
    expect((search as HTMLInputElement).value).toBe('kaf');
    // The search box did not search each digit of the barcode while the burst was under way.
    await new Promise((r) => setTimeout(r, 50));
    const searched = (transport.callsOf('catalog/search') as { query: string }[]).filter((c) => /\d/.test(c.query));
    expect(searched.length).toBeLessThanOrEqual(1);
  });

  it('leaves typing at a person’s pace alone', async () => {
    const { transport } = renderRegister({ signedIn: 'cashier' });
    await screen.findByRole('combobox', { name: /Sök vara/ });
    keysEvery(200);
    for (const key of '7350000000019') fireEvent.keyDown(document.body, { key });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await new Promise((r) => setTimeout(r, 50));
    expect(transport.callsOf('cart/scan')).toEqual([]);
    expect(transport.callsOf('catalog/barcode')).toEqual([]);
  });

  it('says which barcode is unknown', async () => {
    renderRegister({ signedIn: 'cashier' });
    await screen.findByRole('combobox', { name: /Sök vara/ });
    keysEvery(5);
    for (const key of '0000000000') fireEvent.keyDown(document.body, { key });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(plain((await screen.findByRole('alert')).textContent)).toBe('Okänd vara. (0000000000)');
  });

  it('adds from the quick-pick grid per product group', async () => {
    const { user } = renderRegister({ signedIn: 'cashier' });
    await user.click(await screen.findByRole('button', { name: 'Butik' }));
    await user.click(screen.getByRole('button', { name: /Mugg Öresund/ }));
    await waitFor(() => expect(total()).toBe('149,50 kr'));
  });

  it('takes cash with the amount given, the rounding line and the change', async () => {
    const { user, core } = renderRegister({ signedIn: 'cashier' });
    await user.click(await screen.findByRole('button', { name: 'Café' }));
    await user.click(screen.getByRole('button', { name: /Kanelbulle/ }));
    await waitFor(() => expect(total()).toBe('29,50 kr'));
    await user.keyboard('{F4}');
    expect(plain(screen.getByText('Öresavrundning').nextElementSibling!.textContent)).toBe('0,50 kr');
    const given = screen.getByLabelText('Mottaget belopp');
    await user.clear(given);
    await user.type(given, '20');
    expect(screen.getByText('Beloppet räcker inte.')).toBeTruthy();
    await user.clear(given);
    await user.type(given, '50');
    expect(plain(screen.getByText(/Växel/).querySelector('strong')!.textContent)).toBe('20,00 kr');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByRole('heading', { name: 'Köpet är klart' })).toBeTruthy();
    expect(core.sales[0]!.payments).toEqual([{ method: 'cash', amountOre: 3000, tenderedOre: 5000, changeOre: 2000 }]);
  });

  it('splits a payment between card and cash', async () => {
    const { user, core } = renderRegister({ signedIn: 'cashier' });
    await user.click(await screen.findByRole('button', { name: 'Butik' }));
    await user.click(screen.getByRole('button', { name: /Mugg Öresund/ }));
    await waitFor(() => expect(total()).toBe('149,50 kr'));
    await user.keyboard('{F6}');
    await user.type(screen.getByLabelText('Belopp på kort'), '100');
    expect(plain(screen.getByText('Kvar att betala kontant').nextElementSibling!.textContent)).toBe('50,00 kr');
    await user.type(screen.getByLabelText('Mottaget belopp'), '50');
    await user.click(screen.getByRole('button', { name: /Slutför delad betalning/ }));
    await screen.findByRole('heading', { name: 'Köpet är klart' });
    expect(core.sales[0]!.payments.map((p) => [p.method, p.amountOre])).toEqual([
      ['card', 10000],
      ['cash', 5000],
    ]);
  });

  it('keeps the cart over a reload (a new page on the same storage)', async () => {
    const first = renderRegister({ signedIn: 'cashier' });
    await first.user.click(await screen.findByRole('button', { name: 'Butik' }));
    await first.user.click(screen.getByRole('button', { name: /Mugg Öresund/ }));
    await waitFor(() => expect(total()).toBe('149,50 kr'));
    first.unmount();

    renderRegister({ signedIn: 'cashier', storage: first.storage });
    expect(await screen.findByRole('listitem', { name: 'Mugg Öresund' })).toBeTruthy();
    await waitFor(() => expect(total()).toBe('149,50 kr'));
  });
});
