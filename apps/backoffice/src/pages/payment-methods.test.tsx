import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { fakeApi, refusal, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const listed = {
  costCentres: [
    { code: 'NORR', name: 'Butik Norr' },
    { code: 'SYD', name: 'Butik Syd' },
  ],
  methods: [
    { id: 'cash', name: 'Kontant', activations: [{ costCentre: 'NORR', active: true }, { costCentre: 'SYD', active: true }] },
    { id: 'card', name: 'Kort', activations: [{ costCentre: 'NORR', active: true }, { costCentre: 'SYD', active: false }] },
    { id: 'invoice', name: 'Faktura', activations: [{ costCentre: 'NORR', active: true }, { costCentre: 'SYD', active: true }] },
  ],
};

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('payment methods', () => {
  it('shows the matrix and saves one switch with the keyboard, with its progress and the CSRF token', async () => {
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/payment-methods': { body: listed },
      'PUT /api/payment-methods/:method/cost-centres/:code': { body: { method: 'card', costCentre: 'NORR', active: false } },
    });
    // The save waits until the test lets the server answer, so its progress can be seen.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const reply = server.fetch.getMockImplementation()!;
    server.fetch.mockImplementation(async (input, init) => {
      if (init?.method === 'PUT') await answered;
      return reply(input, init);
    });
    const { user } = renderApp('/payment-methods');
    await screen.findByRole('checkbox', { name: 'Kort på Butik Norr' });
    expect(screen.getByRole('link', { name: 'Betalsätt' }).getAttribute('aria-current')).toBe('page');
    expect(box('Kort på Butik Norr').checked).toBe(true);
    expect(box('Kort på Butik Syd').checked).toBe(false);
    expect(box('Faktura på Butik Syd').checked).toBe(true);

    // Tab from cash at Norr to card at Norr, Space switches it off.
    box('Kontant på Butik Norr').focus();
    await user.tab();
    expect(document.activeElement).toBe(box('Kort på Butik Norr'));
    await user.keyboard(' ');
    const cell = box('Kort på Butik Norr').closest('td')!;
    await within(cell).findByText('Sparar…');
    expect(cell.getAttribute('aria-busy')).toBe('true');
    expect(box('Kort på Butik Norr').checked).toBe(false);
    answer();
    await within(cell).findByText('Sparat');
    const sent = server.last('PUT', '/api/payment-methods/card/cost-centres/NORR')!;
    expect(sent.body).toEqual({ active: false });
    expect(sent.headers['x-csrf-token']).toBe(session.csrfToken);
    expect(cell.getAttribute('aria-busy')).toBe('false');
    expect(box('Kort på Butik Norr').checked).toBe(false);
  });

  it('puts a refused switch back and says why, next to it', async () => {
    fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/payment-methods': { body: listed },
      'PUT /api/payment-methods/:method/cost-centres/:code': refusal(404, { code: 'UNKNOWN_COST_CENTRE', message: "Cost centre 'SYD' does not exist.", field: 'costCentreCode' }),
    });
    const { user } = renderApp('/payment-methods');
    await screen.findByRole('checkbox', { name: 'Faktura på Butik Syd' });
    await user.click(box('Faktura på Butik Syd'));
    const cell = box('Faktura på Butik Syd').closest('td')!;
    expect((await within(cell).findByText(/Sparades inte/)).textContent).toBe('Sparades inte: Kostnadsstället finns inte.');
    expect(box('Faktura på Butik Syd').checked).toBe(true);
  });

  it('lets a store manager look at its cost centres without switching them, in English too', async () => {
    const manager = { ...session, user: { ...session.user, role: 'store-manager' as const, costCentres: ['SYD'] } };
    const server = fakeApi({
      'GET /api/auth/session': { body: manager },
      'GET /api/payment-methods': { body: { costCentres: [listed.costCentres[1]], methods: listed.methods.map((m) => ({ ...m, activations: [m.activations[1]] })) } },
    });
    renderApp('/payment-methods', { language: 'en' });
    await screen.findByRole('checkbox', { name: 'Card at Butik Syd' });
    expect(screen.getByText('You see the payment methods of your cost centres. Head office changes them.')).toBeTruthy();
    const card = screen.getByRole('checkbox', { name: 'Card at Butik Syd' }) as HTMLInputElement;
    expect(card.checked).toBe(false);
    expect(card.disabled).toBe(true);
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    expect(server.sent.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
