import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderRegister } from './test-support';

describe('sign-in', () => {
  it('signs in by picking a user and typing the PIN on the keyboard, then locks and unlocks', async () => {
    const { user, transport } = renderRegister();
    await user.click(await screen.findByRole('button', { name: /Kim Kassör/ }));
    await user.keyboard('0000{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Fel användare eller PIN-kod.');
    await user.keyboard('1234{Enter}');
    expect(await screen.findByRole('combobox', { name: /Sök vara/ })).toBeTruthy();
    expect(transport.callsOf('session/sign-in')).toEqual([
      { userId: 'u-cashier', pin: '0000' },
      { userId: 'u-cashier', pin: '1234' },
    ]);

    await user.keyboard('{F3}');
    expect(await screen.findByRole('heading', { name: 'Kassan är låst av Kim Kassör' })).toBeTruthy();
    await user.keyboard('1234{Enter}');
    await waitFor(() => expect(screen.queryByRole('heading', { name: /låst/ })).toBeNull());
  });

  it('works with the on-screen PIN pad', async () => {
    const { user } = renderRegister();
    await user.click(await screen.findByRole('button', { name: /Maja Chef/ }));
    for (const d of '123456') await user.click(screen.getByRole('button', { name: d }));
    await user.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(await screen.findByText(/Maja Chef \(Butikschef\)/)).toBeTruthy();
  });
});

describe('first start', () => {
  it('enrols with the server address and code, showing a refused code next to its field', async () => {
    const { user, transport, core } = renderRegister({ sync: { ...(await import('./test-support')).onlineStatus, state: 'not-enrolled', serverUrl: null } });
    await screen.findByRole('heading', { name: 'Anslut kassan' });
    await user.type(screen.getByLabelText('Serverns adress'), 'http://127.0.0.1:8080');
    await user.type(screen.getByLabelText('Anslutningskod'), 'WRONG-CODE');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    expect((await screen.findByText('The enrolment code is unknown or used.')).closest('.field')).toBeTruthy();
    await user.clear(screen.getByLabelText('Anslutningskod'));
    await user.type(screen.getByLabelText('Anslutningskod'), 'GOOD-CODE{Enter}');
    expect(await screen.findByRole('heading', { name: 'Vem är du?' })).toBeTruthy();
    expect(transport.callsOf('sync/enrol').at(-1)).toEqual({ serverUrl: 'http://127.0.0.1:8080', code: 'GOOD-CODE' });
    expect(transport.callsOf('sync/now').length).toBe(1);
    expect(core.sales).toEqual([]);
  });
});
