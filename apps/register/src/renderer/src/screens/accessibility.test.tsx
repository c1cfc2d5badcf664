import { screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { onlineStatus, renderRegister } from './test-support';

vi.setConfig({ testTimeout: 180_000 });

/** Serious and critical axe findings on the page as it is now (contrast is checked in Chromium, not jsdom). */
async function violations(where: string): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('accessibility of every screen (axe-core)', () => {
  it('finds no serious or critical violation from first start through an invoice sale, customers, today’s sales and settings', async () => {
    const found: string[] = [];
    const first = renderRegister({ sync: { ...onlineStatus, state: 'not-enrolled', serverUrl: null } });
    await screen.findByRole('heading', { name: 'Anslut kassan' });
    found.push(...(await violations('first start')));
    first.unmount();

    const { user } = renderRegister({ settings: { printerUrl: null } });
    await screen.findByRole('heading', { name: 'Vem är du?' });
    found.push(...(await violations('sign-in')));
    await user.click(screen.getByRole('button', { name: /Maja Chef/ }));
    found.push(...(await violations('PIN pad')));
    await user.keyboard('123456{Enter}');
    await screen.findByRole('heading', { name: 'Ställ in skrivaren' });
    found.push(...(await violations('printer set-up')));
    await user.click(screen.getByRole('button', { name: 'Hoppa över' }));

    await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.keyboard('mugg');
    await screen.findByRole('option', { name: /Mugg Öresund/ });
    found.push(...(await violations('sale with results')));
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Rabatt' }));
    found.push(...(await violations('sale with cart and discount')));
    await user.keyboard('{Escape}{F4}');
    await screen.findByLabelText('Mottaget belopp');
    found.push(...(await violations('cash')));
    await user.keyboard('{Escape}{F6}');
    await screen.findByLabelText('Belopp på kort');
    found.push(...(await violations('split')));
    await user.keyboard('{Escape}{F7}');
    await user.keyboard('Björk');
    await screen.findByRole('option', { name: /Björkskolan/ });
    found.push(...(await violations('invoice lookup')));
    await user.keyboard('{Enter}');
    await screen.findByRole('note', { name: 'Köpinstruktion' });
    found.push(...(await violations('invoice details')));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByRole('heading', { name: 'Fakturan är skapad' });
    found.push(...(await violations('invoice created')));
    await user.keyboard('{Escape}');

    await user.keyboard('{F9}');
    await screen.findByRole('heading', { name: 'Kunder' });
    found.push(...(await violations('customers')));
    await user.click(screen.getByRole('button', { name: '+ Lägg till kund' }));
    await user.click(screen.getByRole('button', { name: /Spara/ }));
    await screen.findAllByText('Obligatoriskt.');
    found.push(...(await violations('customer form with errors')));
    await user.keyboard('{Escape}');

    await user.keyboard('{F10}');
    await screen.findByRole('heading', { name: 'Dagens köp' });
    await user.click(await screen.findByRole('button', { name: 'Kvitto 1' }));
    found.push(...(await violations("today's sales")));

    await user.click(screen.getByRole('button', { name: 'Mer' }));
    await user.click(screen.getByRole('button', { name: 'Inställningar' }));
    await screen.findByRole('heading', { name: 'Inställningar' });
    found.push(...(await violations('settings')));

    expect(found).toEqual([]);
  });

  it('is in English when the register’s language is English', async () => {
    renderRegister({ signedIn: 'cashier', settings: { language: 'en' } });
    expect(await screen.findByRole('combobox', { name: /Find product or scan/ })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(screen.getByRole('button', { name: /Invoice/ })).toBeTruthy();
    expect(await violations('sale in English')).toEqual([]);
  });
});
