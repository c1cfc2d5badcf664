import { screen, waitFor } from '@testing-library/react';
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

  it('keeps a printer failure as a message with a retry; the invoice sale is already saved', async () => {
    const { user, core } = renderRegister({ signedIn: 'cashier' });
    core.handlers['delivery-notes/print'] = () => ({ ok: false, error: { code: 'PRINTER_UNREACHABLE', message: 'connect ECONNREFUSED' } });
    await ringUpMug(user);
    await user.keyboard('{F7}');
    await user.keyboard('Björk');
    await screen.findByRole('option', { name: /Björkskolan/ });
    await user.keyboard('{Enter}{Control>}{Enter}{/Control}');
    await screen.findByRole('heading', { name: 'Fakturan är skapad' });
    expect(core.sales).toHaveLength(1);
    await user.keyboard('{F8}');
    const notice = await screen.findByText('Utskriften misslyckades. Köpet är sparat.');
    expect(notice.closest('[role="alert"]')!.textContent).toContain('Skrivaren svarar inte. Är den påslagen och ansluten?');

    core.handlers['delivery-notes/print'] = () => ({ number: 5001, copy: false, printedAt: new Date().toISOString() });
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    await waitFor(() => expect(screen.queryByText('Utskriften misslyckades. Köpet är sparat.')).toBeNull());
    expect(await screen.findByText('Följesedeln är utskriven.')).toBeTruthy();
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
