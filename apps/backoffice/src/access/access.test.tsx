import type { InvoiceSummary, SessionInfo } from '@nota/protocol';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { customer, fakeApi, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const storeManager: SessionInfo = { ...session, user: { ...session.user, username: 'stina', displayName: 'Stina Butik', role: 'store-manager', costCentres: ['BIBL', 'MUSEUM'] } };

describe('a store manager’s back office', () => {
  it('shows only the pages a store manager may use, and its cost centres', async () => {
    fakeApi({ 'GET /api/auth/session': { body: storeManager }, 'GET /api/invoices': { body: { invoices: [] as InvoiceSummary[], next: null } } });
    renderApp('/invoices');
    const nav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    const links = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual(['Kunder', 'Fakturor', 'Kassor', 'Betalsätt', 'Byt lösenord']);
    expect(screen.getByText('Dina kostnadsställen: BIBL, MUSEUM')).toBeTruthy();
  });

  it.each([
    ['a store manager reads customers without the buttons that would be refused', storeManager, 0],
    ['head office has them', session, 1],
  ] as const)('%s', async (_name, who, buttons) => {
    fakeApi({ 'GET /api/auth/session': { body: who }, 'GET /api/customers': { body: { customers: [customer()], total: 1, totalCapped: false } } });
    const view = renderApp('/customers');
    await screen.findAllByRole('cell', { name: new RegExp(customer().name) });
    expect(screen.queryAllByRole('link', { name: '+ Lägg till kund' })).toHaveLength(buttons);
    expect(screen.queryAllByRole('link', { name: `Redigera ${customer().name}` })).toHaveLength(buttons);
    view.unmount();
  });

  it('is told plainly that a head-office page is not for it, and the page asks the server nothing', async () => {
    const server = fakeApi({ 'GET /api/auth/session': { body: storeManager } });
    renderApp('/exports');
    expect(await screen.findByRole('heading', { name: 'Den här sidan är inte för din roll' })).toBeTruthy();
    expect(server.sent.map((r) => r.path)).toEqual(['/api/auth/session']);
  });

  it('leaves head office’s menu whole', async () => {
    fakeApi({ 'GET /api/auth/session': { body: session }, 'GET /api/invoices': { body: { invoices: [] as InvoiceSummary[], next: null } } });
    renderApp('/invoices');
    const nav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Kunder', 'Fakturor', 'Export till Agresso', 'Kontering', 'Artiklar', 'Kassor', 'Betalsätt', 'Agresso-anslutning', 'Byt lösenord']);
    expect(screen.queryByText(/Dina kostnadsställen/)).toBeNull();
  });
});
