import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRegister } from './test-support';

// The pay buttons are the ways to pay head office has active at this register, and they follow a
// sync that changes them while a cart is open.

async function ringUpMug(user: ReturnType<typeof renderRegister>['user']) {
  await screen.findByRole('combobox', { name: /Sök vara/ });
  await user.keyboard('mugg');
  await screen.findByRole('option', { name: /Mugg Öresund/ });
  await user.keyboard('{Enter}');
  await screen.findByRole('listitem', { name: 'Mugg Öresund' });
}

const payButtons = () =>
  within(screen.getByRole('group', { name: 'Betala' }))
    .getAllByRole('button')
    .map((b) => b.textContent?.replace(/F\d+$/, '').trim())
    .filter((name) => name !== 'Töm kundvagnen');

describe('ways to pay at the register', () => {
  it('offers only what the core says is active, and drops card from an open cart when a sync turns it off', async () => {
    const { user, transport, core } = renderRegister({ signedIn: 'cashier', methods: ['cash', 'invoice'] });
    await ringUpMug(user);
    // The core's answer at start; split needs card too.
    await waitFor(() => expect(payButtons()).toEqual(['Kontant', 'Faktura']));
    await user.keyboard('{F5}');
    expect(screen.queryByRole('heading', { name: 'Kort' })).toBeNull();

    act(() => transport.emit('payment-methods', { methods: ['cash', 'card', 'invoice'] }));
    await waitFor(() => expect(payButtons()).toEqual(['Kontant', 'Kort', 'Delad', 'Faktura']));

    // Card is open when head office turns it off: the panel says so instead of taking the card.
    await user.keyboard('{F5}');
    expect(await screen.findByRole('heading', { name: 'Kort' })).toBeTruthy();
    act(() => transport.emit('payment-methods', { methods: ['cash', 'invoice'] }));
    expect((await screen.findByRole('alert')).textContent).toContain('Kort: avstängt i den här kassan av huvudkontoret');
    expect(screen.queryByRole('button', { name: /Kortet är godkänt/ })).toBeNull();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(payButtons()).toEqual(['Kontant', 'Faktura']));
    // The cart is still there to pay another way.
    expect(screen.getByRole('listitem', { name: 'Mugg Öresund' })).toBeTruthy();
    expect(core.sales).toEqual([]);
  });
});
