import type { InvoiceDetail, InvoiceSummary } from '@nota/protocol';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { fakeApi, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const ID = '0b6c1f3e-3333-4333-8333-333333333333';
const failedExport: NonNullable<InvoiceSummary['export']> = {
  state: 'failed',
  status: 'Failed: Agresso refused the voucher (the account 3001 is closed).',
  batch: null,
  batchId: 'B-7',
  attempts: 2,
  nextAttemptAt: null,
  orderNumber: 5501,
  voucherNo: null,
  apArNo: null,
  error: { code: 'AGRESSO_UNKNOWN_ACCOUNT', message: 'Agresso does not accept an account this invoice is booked on (account 3001 is closed for posting).', permanent: true },
  sentAt: '2026-11-26T10:00:00.000Z',
  confirmedAt: null,
  updatedAt: '2026-11-26T10:01:00.000Z',
};
const summary: InvoiceSummary = {
  id: ID,
  kind: 'invoice',
  status: 'active',
  number: 2026001,
  customerId: '0b6c1f3e-1111-4111-8111-111111111111',
  customerNumber: 1001,
  customerName: 'Björkskolan',
  costCentre: 'MUSEUM',
  invoiceDate: '2026-11-26',
  dueDate: '2026-12-26',
  paymentReference: '20260016',
  totalOre: 12_450,
  amountDueOre: 12_450,
  saleId: null,
  creditOfId: null,
  problems: [],
  export: failedExport,
  createdAt: '2026-11-26T09:00:00.000Z',
  activatedAt: '2026-11-26T09:00:05.000Z',
  transferredAt: null,
};
const detail: InvoiceDetail = {
  ...summary,
  content: {
    buyerReference: 'Anna Lind, Fritids',
    registerName: 'Kassa 1',
    netOre: 11_116,
    vatOre: 1_334,
    lines: [
      { description: 'Kaffe bryggt', quantity: 2, unitPriceOre: 3_500, discountOre: 0, grossOre: 7_000, vatRateBp: 1_200 },
      { description: 'Mugg Öresund', quantity: 1, unitPriceOre: 5_450, discountOre: 0, grossOre: 5_450, vatRateBp: 2_500 },
    ],
  },
  creditOf: null,
  creditedBy: null,
  events: [{ at: '2026-11-26T10:01:00.000Z', step: 'confirm', outcome: 'error', message: 'Agresso refused the voucher: account 3001 is closed for posting.', orderNumber: 5501 }],
};
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ');

describe('invoices', () => {
  it('filters by status and export status on the server, and shows each status as the server reports it', async () => {
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/invoices': (r) => ({ body: { invoices: r.query.get('exportState') === 'confirmed' ? [] : [summary], next: null } }),
    });
    const { user } = renderApp('/invoices');
    const row = (await screen.findByRole('button', { name: 'Visa faktura 2026001' })).closest('tr')!;
    expect(plain(row.textContent)).toContain('124,50 kr');
    expect(within(row).getByText('Aktiv')).toBeTruthy();
    expect(within(row).getByText('Misslyckad')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Status'), 'Aktiv');
    await waitFor(() => expect(server.last('GET', '/api/invoices')!.query.get('status')).toBe('active'));
    await user.selectOptions(screen.getByLabelText('Exportstatus'), 'Bokförd');
    await screen.findByText('Inga fakturor med dessa filter.');
    const query = server.last('GET', '/api/invoices')!.query;
    expect([query.get('status'), query.get('exportState')]).toEqual(['active', 'confirmed']);
  });

  it('sorts by a column header and filters by cost centre on the server, starting again from the first page', async () => {
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/cost-centres': { body: { costCentres: [{ code: 'MUSEUM', name: 'Museet', address: null }, { code: 'BIBL', name: 'Biblioteket', address: null }] } },
      'GET /api/invoices': (r) => ({ body: { invoices: [summary], next: r.query.get('before') ? null : 'bmV4dA' } }),
    });
    const { user } = renderApp('/invoices');
    await screen.findByRole('button', { name: 'Visa faktura 2026001' });
    await user.click(screen.getByRole('button', { name: /Nästa/ }));
    await waitFor(() => expect(server.last('GET', '/api/invoices')!.query.get('before')).toBe('bmV4dA'));

    await user.click(screen.getByRole('button', { name: /Belopp/ }));
    await waitFor(() => expect(server.last('GET', '/api/invoices')!.query.get('sort')).toBe('total'));
    const sorted = server.last('GET', '/api/invoices')!.query;
    // An amount sorts largest first on the first click, as the table library does for numbers.
    expect([sorted.get('dir'), sorted.get('before')]).toEqual(['desc', null]);
    expect(screen.getByRole('columnheader', { name: /Belopp/ }).getAttribute('aria-sort')).toBe('descending');

    await user.selectOptions(await screen.findByLabelText('Kostnadsställe'), 'BIBL Biblioteket');
    await waitFor(() => expect(server.last('GET', '/api/invoices')!.query.get('costCentre')).toBe('BIBL'));
    expect(server.last('GET', '/api/invoices')!.query.get('sort')).toBe('total');
  });

  it('opens the whole invoice on the right with its lines, PDF, the failure in words and a retry that is sent', async () => {
    let retried = false;
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/invoices': { body: { invoices: [summary], next: null } },
      'GET /api/invoices/:id': () => ({ body: { invoice: retried ? { ...detail, export: { ...failedExport, state: 'pending', status: 'Waiting to be gathered into a batch.', error: null } } : detail } }),
      'POST /api/exports/:id/retry': () => {
        retried = true;
        return { body: { export: { ...failedExport, state: 'pending', error: null } } };
      },
    });
    const { user, location } = renderApp('/invoices');
    await user.click(await screen.findByRole('button', { name: 'Visa faktura 2026001' }));
    const panel = await screen.findByRole('complementary', { name: 'Faktura 2026001' });
    expect(location.history?.at(-1)).toBe(`/invoices/${ID}`);
    expect(within(panel).getByText('Kaffe bryggt')).toBeTruthy();
    expect(within(panel).getByText('Anna Lind, Fritids')).toBeTruthy();
    expect(plain(within(panel).getByRole('row', { name: /Att betala/ }).textContent)).toContain('124,50 kr');
    expect(within(panel).getByRole('link', { name: 'Ladda ner PDF' }).getAttribute('href')).toBe(`/api/invoices/${ID}/pdf?lang=sv`);
    // The reason in Swedish from its code, and the server's own words (with Agresso's) beside it.
    expect(within(panel).getByText(/^Väntar på en person: Agresso godtar inte ett konto som fakturan bokförs på/)).toBeTruthy();
    expect(within(panel).getByText(/account 3001 is closed for posting/, { selector: 'dd' }).getAttribute('lang')).toBe('en');

    await user.click(within(panel).getByRole('button', { name: 'Försök exportera igen' }));
    await within(panel).findByText('Väntar på att samlas i en omgång till Agresso.');
    expect(server.last('POST', `/api/exports/${ID}/retry`)!.headers['x-csrf-token']).toBe(session.csrfToken);
    expect(within(panel).queryByRole('button', { name: 'Försök exportera igen' })).toBeNull();
  });
  it('credits a whole invoice after asking, then links the invoice and its credit invoice both ways', async () => {
    const CREDIT_ID = '0b6c1f3e-4444-4444-8444-444444444444';
    const posted = { ...detail, export: { ...failedExport, state: 'confirmed' as const, error: null, voucherNo: '900123' } };
    const creditNote: InvoiceDetail = { ...detail, id: CREDIT_ID, kind: 'credit', number: 2026002, creditOfId: ID, export: null, creditOf: { id: ID, number: 2026001 }, creditedBy: null, events: [] };
    let credited = false;
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/invoices': { body: { invoices: [summary], next: null } },
      'GET /api/invoices/:id': (req) => ({ body: { invoice: req.path.endsWith(CREDIT_ID) ? creditNote : { ...posted, creditedBy: credited ? { id: CREDIT_ID, number: 2026002 } : null } } }),
      'POST /api/invoices/:id/credit': () => {
        credited = true;
        return { body: { invoice: creditNote, creditOf: ID } };
      },
    });
    const { user, location } = renderApp(`/invoices/${ID}`);
    const panel = await screen.findByRole('complementary', { name: 'Faktura 2026001' });
    await user.click(within(panel).getByRole('button', { name: 'Kreditera…' }));
    // Nothing is made until the question is answered; cancelling asks nothing of the server.
    expect(plain(within(panel).getByRole('group').textContent)).toContain('Skapa en kreditfaktura för hela faktura 2026001 (124,50 kr)?');
    await user.click(within(panel).getByRole('button', { name: 'Avbryt' }));
    expect(server.last('POST', `/api/invoices/${ID}/credit`)).toBeUndefined();

    await user.click(within(panel).getByRole('button', { name: 'Kreditera…' }));
    await user.click(within(panel).getByRole('button', { name: 'Skapa kreditfaktura' }));
    await within(panel).findByText('Kreditfaktura 2026002 är skapad och skickas till Agresso.');
    expect(server.last('POST', `/api/invoices/${ID}/credit`)!.headers['x-csrf-token']).toBe(session.csrfToken);
    // Credited once: the button is gone and the credit invoice is a link away.
    await user.click(await within(panel).findByRole('link', { name: 'Kreditfaktura 2026002' }));
    expect(location.history?.at(-1)).toBe(`/invoices/${CREDIT_ID}`);
    const creditPanel = await screen.findByRole('complementary', { name: 'Kreditfaktura 2026002' });
    expect(within(creditPanel).queryByRole('button', { name: 'Kreditera…' })).toBeNull();
    expect(within(creditPanel).getByRole('link', { name: 'Faktura 2026001' })).toBeTruthy();
  });
});
