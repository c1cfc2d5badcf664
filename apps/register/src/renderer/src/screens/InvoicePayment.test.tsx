import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customers } from '../stores/test-fixtures';
import { renderRegister } from './test-support';

async function ringUpMug(user: ReturnType<typeof renderRegister>['user']) {
  await screen.findByRole('combobox', { name: /Sök vara/ });
  await user.keyboard('mugg');
  await screen.findByRole('option', { name: /Mugg Öresund/ });
  await user.keyboard('{Enter}');
  await screen.findByRole('listitem', { name: 'Mugg Öresund' });
}

describe('invoice payment', () => {
  it('runs the whole invoice sale with the keyboard alone: find by org number, instruction, reference, comment, create, print', async () => {
    const { user, core, transport } = renderRegister({ signedIn: 'cashier' });
    await ringUpMug(user);
    await user.keyboard('{F7}');
    expect(await screen.findByRole('heading', { name: 'Faktura' })).toBeTruthy();
    // Focus is in the customer search: type the organisation number, Enter chooses the first match.
    await user.keyboard('2120001355');
    await screen.findByRole('option', { name: /Björkskolan/ });
    await user.keyboard('{Enter}');

    const instruction = await screen.findByRole('note', { name: 'Köpinstruktion' });
    expect(instruction.textContent).toContain('Köparen ska uppge fullständigt namn och avdelning.');
    // Focus moved to the reference; Tab goes on to the comment.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Referens')));
    await user.keyboard('Anna Svensson, ekonomi{Tab}Till personalrummet');
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByRole('heading', { name: 'Fakturan är skapad' })).toBeTruthy();
    expect(core.sales[0]).toMatchObject({
      payments: [{ method: 'invoice', amountOre: 14950 }],
      invoice: { customer: { name: 'Björkskolan' }, buyerReference: 'Anna Svensson, ekonomi', comment: 'Till personalrummet' },
    });
    await user.keyboard('{F8}');
    expect((await screen.findByText('Följesedeln är utskriven.')).getAttribute('role')).toBe('status');
    expect(transport.callsOf('delivery-notes/print')).toEqual([{ saleId: core.sales[0]!.id }]);
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Kundvagnen är tom. Sök, skanna eller välj en vara.')).toBeTruthy();
  });

  it('shows an inactive customer as such and refuses to charge them', async () => {
    const { user, core } = renderRegister({ signedIn: 'cashier' });
    await ringUpMug(user);
    await user.keyboard('{F7}');
    await user.keyboard('Stängda');
    const option = await screen.findByRole('option', { name: /Stängda Föreningen/ });
    expect(option.getAttribute('aria-disabled')).toBe('true');
    expect(option.textContent).toContain('Inaktiv');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Kunden kan inte faktureras (inaktiv eller fakturering avstängd).');
    expect(screen.queryByLabelText('Referens')).toBeNull();
    expect(core.sales).toEqual([]);
  });

  it('says a failed print once, on the completed sale, that the sale is saved, with a retry and a way to dismiss it', async () => {
    const { user, core } = renderRegister({ signedIn: 'cashier' });
    core.handlers['delivery-notes/print'] = () => ({ ok: false, error: { code: 'PRINTER_UNREACHABLE', message: 'connect ECONNREFUSED' } });
    await ringUpMug(user);
    await user.keyboard('{F7}');
    await user.keyboard('Björk');
    await screen.findByRole('option', { name: /Björkskolan/ });
    await user.keyboard('{Enter}{Control>}{Enter}{/Control}');
    const panel = (await screen.findByRole('heading', { name: 'Fakturan är skapad' })).closest('section')!;
    expect(core.sales).toHaveLength(1);
    await user.keyboard('{F8}');
    await within(panel).findByRole('alert');
    // Said once, where the cashier pressed print: no second copy in a banner.
    const saying = screen.getAllByRole('alert').filter((a) => a.textContent?.includes('Skrivaren svarar inte'));
    expect(saying).toHaveLength(1);
    expect(panel.contains(saying[0]!)).toBe(true);
    expect(saying[0]!.textContent).toContain('Följesedeln skrevs inte ut.');
    expect(saying[0]!.textContent).toContain('Köpet är sparat.');

    // Dismissed, it is gone and the note can still be printed.
    await user.click(within(saying[0]!).getByRole('button', { name: 'Stäng meddelandet' }));
    expect(screen.queryByText('Följesedeln skrevs inte ut.')).toBeNull();
    await user.keyboard('{F8}');
    const again = await within(panel).findByRole('alert');
    core.handlers['delivery-notes/print'] = () => ({ number: 5001, copy: false, printedAt: new Date().toISOString() });
    await user.click(within(again).getByRole('button', { name: /Försök igen/ }));
    expect(await screen.findByText('Följesedeln är utskriven.')).toBeTruthy();
    expect(screen.queryByText('Följesedeln skrevs inte ut.')).toBeNull();
    expect(core.sales).toHaveLength(1);
  });

  it('finds a customer by customer number', async () => {
    const { user } = renderRegister({ signedIn: 'cashier' });
    await ringUpMug(user);
    await user.keyboard('{F7}');
    await user.keyboard(String(customers.school!.customerNumber));
    expect(await screen.findByRole('option', { name: /Björkskolan/ })).toBeTruthy();
  });
});
