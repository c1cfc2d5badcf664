import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@nota/protocol';
import { createFakeTransport } from './fake-transport';
import { createStatusStore } from './status-store';
import { createSessionStore } from './session-store';

const idle: SyncStatus = {
  state: 'idle',
  serverUrl: 'http://127.0.0.1:8080',
  pending: 0,
  rejected: 0,
  setAside: 0,
  oldestPendingAt: null,
  lastSyncAt: '2026-11-27T09:00:00.000Z',
  lastError: null,
  nextAttemptAt: null,
};

describe('status store', () => {
  it('follows what the core pushes, and stops following when asked', async () => {
    const transport = createFakeTransport({ 'sync/status': () => idle });
    const status = createStatusStore(transport);
    const stop = status.getState().start();
    await new Promise((r) => setTimeout(r, 0));
    expect(status.getState().sync?.state).toBe('idle');
    transport.emit('sync/status', { ...idle, state: 'offline', pending: 3, lastError: 'connect ECONNREFUSED' });
    expect(status.getState().sync).toMatchObject({ state: 'offline', pending: 3 });
    transport.emit('printer/status', { state: 'paper-out', message: 'out of paper', checkedAt: null });
    expect(status.getState().printer?.state).toBe('paper-out');
    stop();
    transport.emit('sync/status', { ...idle, pending: 9 });
    expect(status.getState().sync?.pending).toBe(3);
  });

  it('lists rejected events with their reasons', async () => {
    const transport = createFakeTransport({
      'outbox/rejected': () => ({
        events: [{ id: '33333333-3333-4333-8333-333333333333', type: 'customer.created', createdAt: idle.lastSyncAt!, reason: 'name: control character', payload: {} }],
      }),
    });
    const status = createStatusStore(transport);
    expect(await status.getState().loadRejected()).toBeNull();
    expect(status.getState().rejected?.[0]?.reason).toBe('name: control character');
  });
});

describe('session store', () => {
  it('signs in, locks without losing the user, unlocks with the same user’s PIN, and reports a wrong PIN', async () => {
    const user = { id: 'u1', name: 'Kim', role: 'cashier' as const };
    const transport = createFakeTransport({
      'session/sign-in': ({ userId, pin }) =>
        pin === '1234' && userId === 'u1' ? { user } : { ok: false, error: { code: 'WRONG_PIN', message: 'Wrong user or PIN.', field: 'pin' } },
      'session/sign-out': () => ({}),
    });
    const session = createSessionStore(transport);
    expect(await session.getState().signIn('u1', '0000')).toBe(false);
    expect(session.getState().error?.code).toBe('WRONG_PIN');
    expect(await session.getState().signIn('u1', '1234')).toBe(true);
    session.getState().lock();
    expect(session.getState()).toMatchObject({ locked: true, user });
    expect(await session.getState().unlock('9999')).toBe(false);
    expect(session.getState().locked).toBe(true);
    expect(await session.getState().unlock('1234')).toBe(true);
    expect(session.getState().locked).toBe(false);
    await session.getState().signOut();
    expect(session.getState().user).toBeNull();
  });
});
