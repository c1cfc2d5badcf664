import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { onlineStatus, renderRegister } from '../screens/test-support';

describe('status bar', () => {
  it('shows online state, waiting and rejected events, the last sync and the printer, as the core pushes them', async () => {
    const { transport, user } = renderRegister({ signedIn: 'cashier' });
    const bar = await screen.findByRole('contentinfo', { name: 'Status' });
    await waitFor(() => expect(bar.textContent).toContain('Online'));
    expect(bar.textContent).toContain('0 händelser väntar');
    expect(bar.textContent).toContain('för 3 minuter sedan');

    transport.emit('sync/status', { ...onlineStatus, state: 'offline', pending: 1, rejected: 2, lastError: 'ECONNREFUSED' });
    transport.emit('printer/status', { state: 'paper-out', message: 'Paper out', checkedAt: null });
    await waitFor(() => expect(bar.textContent).toContain('Offline'));
    expect(bar.textContent).toContain('1 händelse väntar');
    expect(bar.textContent).toContain('Skrivare: slut på papper');

    await user.click(within(bar).getByRole('button', { name: '2 avvisade' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avvisade händelser' });
    expect(await within(dialog).findByText('name: must not contain control characters')).toBeTruthy();
    expect(within(dialog).getByText('Ny kund')).toBeTruthy();
  });

  it('turns a failed manual sync into a message with a retry', async () => {
    const { core, user } = renderRegister({ signedIn: 'cashier' });
    core.handlers['sync/now'] = () => ({ ok: false, error: { code: 'TRANSPORT', message: 'server down' } });
    await user.click(await screen.findByRole('button', { name: 'Synka nu' }));
    const alert = await screen.findByText('Synkroniseringen misslyckades.');
    expect(alert.closest('[role="alert"]')!.textContent).toContain('Inget har gått förlorat');
    core.handlers['sync/now'] = () => ({ pushed: 1, rejected: 0, pulled: 0, leasedNumbers: 0, setAside: 0 });
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    await waitFor(() => expect(screen.queryByText('Synkroniseringen misslyckades.')).toBeNull());
  });
});
