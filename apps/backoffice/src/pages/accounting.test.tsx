import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { fakeApi, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const mapping = {
  paymentMethods: { cash: '1910', card: null },
  vatRates: [{ rateBp: 2500, salesAccount: '3001', vatAccount: '2611', taxCode: '25' }],
  productGroups: [],
  rounding: '3740',
  costCentres: [],
  agresso: { companyCode: 'NO', interface: 'NO', voucherType: 'KF', customerLedgerAccount: '1510', costCentreDimension: null, customerGroup: null, customerIdPrefix: null },
};

describe('accounting mapping', () => {
  it('marks every missing field as you go and saves the mapping with blanks as not set', async () => {
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/accounting/mapping': { body: { mapping, problems: [{ field: 'paymentMethods.card', message: 'The account for card payments is missing.' }] } },
      'PUT /api/accounting/mapping': (r) => ({ body: { mapping: r.body, problems: [] } }),
    });
    const { user } = renderApp('/accounting');
    await screen.findByRole('heading', { name: 'Kontering' });
    expect(screen.getByText('The account for card payments is missing.')).toBeTruthy();
    const card = screen.getByLabelText('Kort');
    expect(card.getAttribute('aria-invalid')).toBe('true');

    await user.clear(screen.getByLabelText('Kontant'));
    await waitFor(() => expect(screen.getByLabelText('Kontant').getAttribute('aria-invalid')).toBe('true'));
    await user.type(screen.getByLabelText('Kontant'), '1910');
    await user.type(card, '1580');
    await screen.findByText('Konteringen är komplett: exporten kan gå.');
    await user.clear(screen.getByLabelText('Kundgrupp'));
    await user.click(screen.getByRole('button', { name: 'Spara konteringen' }));
    await screen.findByText('Sparat.');
    expect(server.last('PUT', '/api/accounting/mapping')!.body).toEqual({ ...mapping, paymentMethods: { cash: '1910', card: '1580' } });
  });
});
