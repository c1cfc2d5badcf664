import { describe, expect, it } from 'vitest';
import { createForegroundGate } from './foreground-gate';

describe('the foreground gate', () => {
  it('lets background work through at once when no request is in flight', async () => {
    const gate = createForegroundGate(1_000);
    const began = Date.now();
    await gate.idle();
    expect(Date.now() - began).toBeLessThan(50);
  });

  it('holds background work until the last request in flight has left', async () => {
    const gate = createForegroundGate(5_000);
    gate.enter();
    gate.enter();
    let through = false;
    const waiting = gate.idle().then(() => (through = true));
    gate.leave();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(through).toBe(false);
    gate.leave();
    await waiting;
    expect(through).toBe(true);
  });

  it('never holds background work longer than its limit, however busy the foreground', async () => {
    const gate = createForegroundGate(60);
    gate.enter();
    const began = Date.now();
    await gate.idle();
    expect(Date.now() - began).toBeGreaterThanOrEqual(55);
    expect(Date.now() - began).toBeLessThan(1_000);
  });
});
