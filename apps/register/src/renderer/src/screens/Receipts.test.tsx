import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRegister } from './test-support';

const plain = (s: string | null) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ');

async function sellBunForCash(user: ReturnType<typeof renderRegister>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Café' }));
  await user.click(screen.getByRole('button', { name: /Kanelbulle/ }));
  await waitFor(() => expect(plain(screen.getByRole('status', { name: 'Att betala' }).textContent)).toBe('29,50 kr'));
  await user.keyboard('{F4}');
  const given = screen.getByLabelText('Mottaget belopp');
  await user.clear(given);
  await user.type(given, '50');
  await user.keyboard('{Control>}{Enter}{/Control}');
  await screen.findByRole('heading', { name: 'Köpet är klart' });
}

/** A cash sale whose receipt did not print (paper out), then today's sales. */
async function saleWhoseReceiptFailed() {
  const register = renderRegister({ signedIn: 'cashier' });
  register.core.receipts.failNext();
  await sellBunForCash(register.user);
  await screen.findByRole('alert');
  await register.user.keyboard('{Escape}{F10}');
  return register;
}

describe('the receipt after a sale', () => {
  it('prints by itself when the sale completes, says so, and that the drawer opens', async () => {
    const { user, core, transport } = renderRegister({ signedIn: 'cashier' });
    await sellBunForCash(user);
    expect(await screen.findByText('Kvittot är utskrivet. Kassalådan öppnas.')).toBeTruthy();
    expect(transport.callsOf('receipts/print')).toEqual([{ saleId: core.sales[0]!.id }]);
  });

  it('shows a failed print with the reason and prints it on retry', async () => {
    const { user, core, transport } = renderRegister({ signedIn: 'cashier' });
    core.receipts.failNext();
    await sellBunForCash(user);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Kvittot skrevs inte ut.');
    expect(alert.textContent).toContain('Köpet är sparat.');
    await user.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByText(/Kvittot är utskrivet\./)).toBeTruthy();
    expect(transport.callsOf('receipts/print')).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe("today's sales", () => {
  it('prints one copy of a receipt, then keeps the button disabled saying why', async () => {
    const { user, transport } = renderRegister({ signedIn: 'cashier' });
    await sellBunForCash(user);
    await screen.findByText(/Kvittot är utskrivet/);
    await user.keyboard('{Escape}{F10}');
    await user.click(await screen.findByRole('button', { name: 'Kvitto 1' }));
    await user.click(await screen.findByRole('button', { name: 'Skriv ut kopia' }));
    expect(await screen.findByText('Kopian är utskriven.')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Skriv ut kopia' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toMatch(/Ett kvitto får bara skrivas ut som kopia en gång\./);
    expect(transport.callsOf('receipts/copy')).toHaveLength(1);
  });

  it('offers the receipt itself for a sale whose receipt never printed', async () => {
    const { user, core, transport } = await saleWhoseReceiptFailed();
    await user.click(await screen.findByRole('button', { name: 'Kvitto 1' }));
    expect(await screen.findByText('Kvittot är inte utskrivet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Skriv ut kvitto' }));
    expect(await screen.findByRole('button', { name: 'Skriv ut kopia' })).toBeTruthy();
    expect(transport.callsOf('receipts/print')).toHaveLength(2);
  });

  it('lists the receipts still owed today at the top and prints them from there', async () => {
    const { user, core, transport } = await saleWhoseReceiptFailed();
    const owed = await screen.findByRole('region', { name: '1 kvitto från i dag är inte utskrivet' });
    await user.click(within(owed).getByRole('button', { name: 'Skriv ut kvitto 1' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /inte utskrivet/ })).toBeNull());
    expect(transport.callsOf('receipts/print')).toEqual([{ saleId: core.sales[0]!.id }, { saleId: core.sales[0]!.id }]);
  });
});

describe('training mode', () => {
  it('a manager turns it on in the settings; everyone then sees the banner and training sales are marked', async () => {
    const { user, core } = renderRegister({ signedIn: 'manager' });
    await user.click(await screen.findByRole('button', { name: 'Mer' }));
    await user.click(screen.getByRole('button', { name: 'Inställningar' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Övningsläge på' }));
    expect(await screen.findByText('Övningsläge: köpen räknas inte, kvittona är övningskvitton.')).toBeTruthy();
    expect(screen.getByText('Påslaget av Maja Chef.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stäng' }));
    await sellBunForCash(user);
    expect(core.sales[0]!.training).toBe(true);
    await user.keyboard('{Escape}{F10}');
    const row = (await screen.findByRole('button', { name: 'Kvitto 1' })).closest('tr')!;
    expect(within(row).getByText('Övning')).toBeTruthy();
  });

  it('has no switch and no banner for a cashier while it is off', async () => {
    renderRegister({ signedIn: 'cashier' });
    await screen.findByRole('button', { name: 'Café' });
    expect(screen.queryByText(/Övningsläge/)).toBeNull();
    await screen.findByRole('button', { name: 'Mer' });
    expect(screen.queryByRole('button', { name: 'Inställningar' })).toBeNull();
  });
});

describe('the cash drawer', () => {
  it('opens for a manager with Ctrl+O and a reason, shown on the shortcut bar', async () => {
    const { user, core } = renderRegister({ signedIn: 'manager' });
    await screen.findByRole('button', { name: 'Café' });
    expect(within(screen.getByRole('complementary', { name: 'Kortkommandon' })).getByText('Öppna kassalådan')).toBeTruthy();
    await user.keyboard('{Control>}o{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Öppna kassalådan utan köp' });
    await user.click(within(dialog).getByRole('button', { name: 'Öppna lådan' }));
    expect(within(dialog).getByText('Skriv varför lådan öppnas.')).toBeTruthy();
    expect(core.receipts.drawerReasons).toEqual([]);
    await user.type(within(dialog).getByLabelText('Anledning'), 'Växla till butiken');
    await user.click(within(dialog).getByRole('button', { name: 'Öppna lådan' }));
    expect(await within(dialog).findByRole('status')).toHaveProperty('textContent', 'Kassalådan är öppnad.');
    expect(core.receipts.drawerReasons).toEqual(['Växla till butiken']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says why when the printer does not take the pulse', async () => {
    const { user, core } = renderRegister({ signedIn: 'manager' });
    await screen.findByRole('button', { name: 'Café' });
    core.receipts.failNext();
    await user.keyboard('{Control>}o{/Control}');
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Anledning'), 'Växla');
    await user.click(within(dialog).getByRole('button', { name: 'Öppna lådan' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/papper|paper/i);
  });

  it('is not offered to a cashier', async () => {
    const { user } = renderRegister({ signedIn: 'cashier' });
    await screen.findByRole('button', { name: 'Café' });
    expect(within(screen.getByRole('complementary', { name: 'Kortkommandon' })).queryByText('Öppna kassalådan')).toBeNull();
    await user.keyboard('{Control>}o{/Control}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
