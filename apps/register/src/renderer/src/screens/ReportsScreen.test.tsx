import type { DayReport } from '@nota/protocol';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRegister } from './test-support';

function report(kind: 'x' | 'z', countedOre: number | null = null): DayReport {
  const expectedOre = 150_000;
  return {
    kind,
    number: kind === 'z' ? 1 : null,
    registerId: 'reg-1',
    registerName: 'Kassa 1',
    country: 'SE',
    periodStart: null,
    producedAt: '2026-11-27T16:00:00.000Z',
    userId: 'u-manager',
    figures: {
      floatOre: 100_000,
      receiptCount: 3,
      firstReceiptNumber: 1,
      lastReceiptNumber: 3,
      sales: { count: 2, grossOre: 64_850 },
      returns: { count: 1, amountOre: 14_950 },
      netSalesOre: 49_900,
      vatRates: [{ rateBp: 2500, grossOre: 49_900, netOre: 39_920, vatOre: 9_980 }],
      payments: [
        { method: 'cash', count: 2, amountOre: 50_000 },
        { method: 'card', count: 1, amountOre: -100 },
      ],
      groups: [{ groupId: 'goods', name: 'Presentartiklar', quantity: 2, grossOre: 49_900 }],
      discountOre: 0,
      roundingOre: 100,
      copies: 1,
      training: { count: 2, amountOre: 29_900 },
      drawerOpeningsWithoutSale: 1,
      invoices: { count: 0, amountOre: 0, deliveryNotes: 0, list: [] },
      cash: { floatOre: 100_000, cashInOre: 70_000, changeOre: 5_050, refundsOre: 14_950, expectedOre, countedOre, differenceOre: countedOre === null ? null : countedOre - expectedOre },
      grandTotalOre: 1_049_900,
    },
  };
}

function withReports(options: Parameters<typeof renderRegister>[0]) {
  const view = renderRegister(options);
  view.core.handlers['reports/x'] = () => ({ report: report('x') });
  view.core.handlers['reports/z'] = ({ countedCashOre, openCartLines }) =>
    openCartLines > 0 ? { ok: false, error: { code: 'CART_NOT_EMPTY', message: 'openCartLines: finish the sale first.', field: 'openCartLines' } } : { report: report('z', countedCashOre) };
  view.core.handlers['reports/print'] = () => ({ printedAt: '2026-11-27T16:01:00.000Z' });
  view.core.handlers['day/float'] = ({ floatOre }) => ({ floatOre });
  view.core.handlers['day/notices'] = () => ({ notices: [] });
  return view;
}

const figure = (list: HTMLElement, label: string) => within(list).getByText(label).nextElementSibling?.textContent;

describe('the reports screen', () => {
  it('shows a cashier the X report with F11 and prints it, without the day\'s close', async () => {
    const { user, transport } = withReports({ signedIn: 'cashier' });
    await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.keyboard('{F11}');
    expect(await screen.findByRole('heading', { name: 'Dagens siffror (X-rapport)' })).toBeTruthy();
    const list = screen.getByLabelText('Försäljning');
    expect(figure(list, 'Nettoförsäljning')).toMatch(/499,00/);
    expect(figure(list, 'Returer (1)')).toMatch(/−149,50|-149,50/);
    expect(figure(list, 'Övningskvitton (2)')).toMatch(/299,00/);
    expect(figure(screen.getByLabelText('Kontanter'), 'Förväntat i kassan')).toMatch(/1\s500,00/);
    expect(screen.queryByRole('heading', { name: 'Dagsavslut' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Skriv ut X-rapport' }));
    expect(await screen.findByText('Rapporten är utskriven.')).toBeTruthy();
    expect(transport.callsOf('reports/print')).toEqual([{ kind: 'x' }]);
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('combobox', { name: /Sök vara/ })).toBeTruthy();
  });

  it('lets a manager count the cash, see the difference, confirm, and print the Z report', async () => {
    const { user, transport } = withReports({ signedIn: 'manager' });
    await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.keyboard('{F11}');
    await user.click(await screen.findByRole('button', { name: 'Räkna kassan och stäng dagen' }));
    const field = await screen.findByLabelText('Räknade kontanter (kr)');
    await user.type(field, '1497');
    await waitFor(() => expect(screen.getByTestId('difference').textContent).toMatch(/−3,00|-3,00/));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Dagen stängs med en Z-rapport. Det går inte att ångra.')).toBeTruthy();
    expect(transport.callsOf('reports/z')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Stäng dagen' }));
    expect(await screen.findByRole('heading', { name: 'Z-rapport 1' })).toBeTruthy();
    expect(transport.callsOf('reports/z')).toEqual([{ countedCashOre: 149_700, openCartLines: 0 }]);
    expect(figure(screen.getByLabelText('Kontanter'), 'Differens')).toMatch(/−3,00|-3,00/);
    await user.click(screen.getByRole('button', { name: 'Skriv ut Z-rapport' }));
    await screen.findByText('Rapporten är utskriven.');
    expect(transport.callsOf('reports/print')).toEqual([{ kind: 'z', number: 1 }]);
  });

  it('keeps the day open while the cart holds a sale', async () => {
    const { user } = withReports({ signedIn: 'manager' });
    await screen.findByRole('combobox', { name: /Sök vara/ });
    await user.keyboard('mugg');
    await screen.findByRole('option', { name: /Mugg Öresund/ });
    await user.keyboard('{Enter}');
    await screen.findByRole('listitem', { name: 'Mugg Öresund' });
    await user.keyboard('{F11}');
    expect(await screen.findByText('Det finns varor i kundvagnen. Slutför eller töm köpet först.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Räkna kassan och stäng dagen' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a manager, and only a manager, that the clock was set back', async () => {
    const notices = () => ({ notices: [{ id: crypto.randomUUID(), kind: 'clock-set-back' as const, occurredAt: '2026-11-27T08:00:00.000Z', detail: 'clock set back' }] });
    const cashier = withReports({ signedIn: 'cashier' });
    cashier.core.handlers['day/notices'] = notices;
    await screen.findByRole('combobox', { name: /Sök vara/ });
    expect(screen.queryByRole('alert', { name: 'Klockan har ställts tillbaka.' })).toBeNull();
    cashier.unmount();
    const manager = withReports({ signedIn: 'manager' });
    manager.core.handlers['day/notices'] = notices;
    expect(await screen.findByRole('alert', { name: 'Klockan har ställts tillbaka.' })).toBeTruthy();
  });
});
