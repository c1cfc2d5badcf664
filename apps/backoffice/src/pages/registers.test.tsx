import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { fakeApi, session } from '../test-support/fake-api';
import { renderApp } from '../test-support/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const REGISTER = '0b6c1f3e-5555-4555-8555-555555555555';
const AT = '2026-11-27T09:30:00.000Z';

describe('registers: what did not sync', () => {
  it('lists refused events and set-aside changes by register, the reason in words with the server’s own beneath', async () => {
    fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/registers': {
        body: { registers: [{ id: REGISTER, name: 'Kassa Ystad', costCentre: 'YSTAD', createdAt: AT, enrolledAt: AT, revoked: false, lastSeenAt: AT, reportedBacklog: 0 }] },
      },
      'GET /api/cost-centres': { body: { costCentres: [{ code: 'YSTAD', name: 'Museibutiken Ystad' }] } },
      'GET /api/sync/rejected-events': {
        body: {
          events: [
            { eventId: '0b6c1f3e-6666-4666-8666-666666666666', registerId: REGISTER, type: 'customer.created', reason: { code: 'EVENT_INVALID', message: 'data.name: must not contain control characters' }, payload: {}, receivedAt: AT },
          ],
        },
      },
      'GET /api/sync/set-aside-changes': {
        body: { changes: [{ id: '0b6c1f3e-7777-4777-8777-777777777777', registerId: REGISTER, entity: 'product', recordId: 'p-42', reason: 'UNIQUE constraint failed: products.sku', setAsideAt: AT, receivedAt: AT }] },
      },
    });
    renderApp('/registers');
    const refused = await screen.findByRole('table', { name: 'Händelser som servern avvisat' });
    const row = within(refused).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Kassa Ystad');
    expect(row.textContent).toContain('Händelsen följer inte synkavtalet.');
    expect(within(row).getByText('data.name: must not contain control characters').getAttribute('lang')).toBe('en');

    const setAside = await screen.findByRole('table', { name: 'Ändringar som kassor lagt åt sidan' });
    const change = within(setAside).getAllByRole('row')[1]!;
    expect(change.textContent).toContain('Vara p-42');
    expect(change.textContent).toContain('Kassa Ystad');
    expect(change.textContent).toContain('UNIQUE constraint failed: products.sku');
  });
});
