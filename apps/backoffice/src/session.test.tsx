import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, refusal, session } from './test-support/fake-api';
import { renderApp } from './test-support/render-app';
import { setCsrfToken } from './api/client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('signing in and out', () => {
  it('shows the sign-in page when there is no session, says why a sign-in fails, and opens the app once it succeeds', async () => {
    let attempts = 0;
    const server = fakeApi({
      'GET /api/auth/session': refusal(401, { code: 'UNAUTHENTICATED', message: 'Sign in.' }),
      'POST /api/auth/sign-in': () =>
        ++attempts === 1 ? refusal(401, { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' }) : attempts === 2 ? refusal(429, { code: 'SIGN_IN_LOCKED', message: 'Locked.' }) : { body: session },
      'GET /api/invoices': { body: { invoices: [], next: null } },
    });
    const { user } = renderApp('/invoices');
    await screen.findByRole('heading', { name: 'Logga in' });

    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findAllByText('Obligatoriskt.')).toHaveLength(2);
    expect(server.last('POST', '/api/auth/sign-in')).toBeUndefined();

    await user.type(screen.getByLabelText('Användarnamn'), 'ekonomi');
    await user.type(screen.getByLabelText('Lösenord'), 'fel lösenord här');
    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Fel användarnamn eller lösenord.');
    expect(server.last('POST', '/api/auth/sign-in')!.body).toEqual({ username: 'ekonomi', password: 'fel lösenord här' });

    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^För många misslyckade försök/));

    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    await screen.findByRole('heading', { name: 'Fakturor' });
    expect(screen.getByText(/Inloggad som Eva Ekonom \(Huvudkontor\)/)).toBeTruthy();
  });

  it('signs out with the session’s CSRF token and shows the sign-in page', async () => {
    const server = fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/invoices': { body: { invoices: [], next: null } },
      'POST /api/auth/sign-out': { status: 204 },
    });
    const { user } = renderApp('/invoices');
    const nav = await screen.findByRole('navigation', { name: 'Huvudmeny' });
    await user.click(within(nav).getByRole('button', { name: 'Logga ut' }));
    await screen.findByRole('heading', { name: 'Logga in' });
    expect(server.last('POST', '/api/auth/sign-out')!.headers['x-csrf-token']).toBe(session.csrfToken);
  });

  it('goes back to the sign-in page when a page’s call is refused with 401 (session revoked or expired)', async () => {
    fakeApi({
      'GET /api/auth/session': { body: session },
      'GET /api/registers': refusal(401, { code: 'UNAUTHENTICATED', message: 'Session revoked.' }),
      'GET /api/cost-centres': { body: { costCentres: [] } },
    });
    renderApp('/registers');
    await screen.findByRole('heading', { name: 'Logga in' });
    expect(screen.queryByRole('navigation', { name: 'Huvudmeny' })).toBeNull();
  });
});
