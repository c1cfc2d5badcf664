import { SyncEvent } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingEvents } from '../outbox/outbox';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { countJournal, logEvent, readJournal } from './journal';

let reg: TestRegister;
beforeEach(() => {
  reg = createTestRegister({ seed: false });
});
afterEach(() => reg.dispose());

describe('the journal', () => {
  it('numbers lines without gaps, with the event code, and queues each for head office', () => {
    const { db } = reg.core.context;
    const at = new Date('2026-11-27T08:00:00Z');
    // The register logged its own start (seq 1) when it opened.
    logEvent(db, { code: 'appStart', at, userId: null });
    logEvent(db, { code: 'drawerOpened', at: new Date('2026-11-27T09:00:00Z'), userId: 'u-1', detail: 'change for the float' });
    const lines = readJournal(db);
    expect(lines.map((l) => [l.seq, l.code, l.userId])).toEqual([
      [1, '13001', null],
      [2, '13001', null],
      [3, '13005', 'u-1'],
    ]);
    const events = pendingEvents(db, 10).filter((e) => e.type === 'journal.logged');
    expect(events.map((e) => SyncEvent.parse(e))).toHaveLength(3);
    expect(events[2]).toMatchObject({ entry: { seq: 3, detail: 'change for the float' } });
    expect(countJournal(db, 'drawerOpened', '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z')).toBe(1);
  });

  it('refuses to change or remove a line', () => {
    logEvent(reg.core.context.db, { code: 'xReport', at: new Date(), userId: 'u-1' });
    const { sqlite } = reg.core.context.store;
    expect(() => sqlite.prepare("UPDATE journal SET code = '13999'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
  });

  it('leaves no line when the act it belongs to rolls back', () => {
    const { db } = reg.core.context;
    expect(() =>
      db.transaction((tx) => {
        logEvent(tx, { code: 'copyReceipt', at: new Date(), userId: 'u-1' });
        throw new Error('printer on fire');
      }),
    ).toThrow('printer on fire');
    // Only the register's own start line (seq 1).
    expect(readJournal(db).map((l) => l.code)).toEqual(['13001']);
    expect(pendingEvents(db, 10)).toHaveLength(1);
    expect(logEvent(db, { code: 'copyReceipt', at: new Date(), userId: 'u-1' }).seq).toBe(2);
  });
});
