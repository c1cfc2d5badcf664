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

  it('counts the change records set aside and opens their list, each with its reason', async () => {
    const { transport, core, user } = renderRegister({ signedIn: 'cashier' });
    core.handlers['sync/set-aside'] = () => ({
      changes: [
        {
          id: '55555555-5555-4555-8555-555555555555',
          entity: 'product',
          recordId: 'p-coffee-2',
          code: 'RECORD_NOT_STORABLE',
          reason: 'UNIQUE constraint failed: products.sku',
          setAsideAt: onlineStatus.lastSyncAt!,
          reportedAt: onlineStatus.lastSyncAt!,
          resolvedAt: null,
          data: { entity: 'product', data: { id: 'p-coffee-2', name: 'Kaffe igen' } },
        },
        {
          id: '66666666-6666-4666-8666-666666666666',
          entity: 'setting',
          recordId: 'receipt-footer',
          code: 'RECORD_INVALID',
          reason: 'value: must not be null',
          setAsideAt: onlineStatus.lastSyncAt!,
          reportedAt: null,
          resolvedAt: onlineStatus.lastSyncAt!,
          data: {},
        },
      ],
    });
    const bar = await screen.findByRole('contentinfo', { name: 'Status' });
    await waitFor(() => expect(bar.textContent).toContain('Online'));
    expect(within(bar).queryByRole('button', { name: /åt sidan/ })).toBeNull();

    transport.emit('sync/status', { ...onlineStatus, setAside: 1 });
    await user.click(await within(bar).findByRole('button', { name: '1 ändring lagd åt sidan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ändringar lagda åt sidan' });
    const rows = await within(dialog).findAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('Vara p-coffee-2');
    // The reason in the cashier's words first; the details as head office gets them, marked as English.
    expect(rows[1]!.textContent).toContain('Kassan kunde inte spara posten: den krockar med något kassan redan har.');
    expect(within(rows[1]!).getByText('UNIQUE constraint failed: products.sku').getAttribute('lang')).toBe('en');
    expect(rows[1]!.textContent).toContain('Huvudkontoret vet');
    expect(rows[2]!.textContent).toContain('Inställning receipt-footer');
    expect(rows[2]!.textContent).toContain('Posten från huvudkontoret är ofullständig eller felaktig.');
    expect(rows[2]!.textContent).toContain('value: must not be null');
    expect(rows[2]!.textContent).toContain('Löst');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
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
