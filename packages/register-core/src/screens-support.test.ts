import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos, receiptText, startVirtualPrinter } from './printing';
import { createTestRegister, type TestRegister } from './test-support/register';

// Handlers the register's screens need beyond selling: the quick-pick grid, a printer test page, and
// enrolling a brand-new register that has no users yet.
let reg: TestRegister;
beforeEach(() => {
  reg = createTestRegister({ customers: 5 });
});
afterEach(() => reg.dispose());

describe('catalog/groups', () => {
  it('lists each product group with its first products by name, only active ones', async () => {
    const { groups } = await reg.call('catalog/groups', {});
    const food = groups.find((g) => g.id === 'food');
    expect(food?.products.map((p) => p.name)).toEqual(['Kaffe bryggt', 'Kanelbulle']);
    expect(groups.flatMap((g) => g.products).every((p) => p.active)).toBe(true);
    const limited = await reg.call('catalog/groups', { perGroup: 1 });
    expect(limited.groups.find((g) => g.id === 'food')?.products.map((p) => p.id)).toEqual(['p-coffee']);
  });
});

describe('printer/test', () => {
  it('prints a test page with Nordic letters to the address given, before it is saved', async () => {
    const printer = await startVirtualPrinter();
    try {
      await reg.signInAs('cashier');
      await reg.call('printer/test', { printerUrl: printer.url });
      const [job] = await printer.waitForJobs(1);
      const text = receiptText(decodeEscPos(job!));
      expect(text).toContain('TESTUTSKRIFT');
      expect(text).toContain('Å Ä Ö å ä ö Æ Ø æ ø');
    } finally {
      await printer.close();
    }
  });

  it('says which field is wrong when no address is known or the printer is off', async () => {
    await reg.signInAs('cashier');
    expect(await reg.core.send('printer/test', {})).toMatchObject({ ok: false, error: { code: 'PRINTER_NOT_CONFIGURED', field: 'printerUrl' } });
    const off = await reg.core.send('printer/test', { printerUrl: 'tcp://127.0.0.1:1' });
    expect(off).toMatchObject({ ok: false, error: { code: 'PRINTER_UNREACHABLE', field: 'printerUrl' } });
  });
});

describe('sync/enrol on a new register', () => {
  it('needs no sign-in before the first enrolment (there are no users yet)', async () => {
    const result = await reg.core.send('sync/enrol', { serverUrl: 'http://127.0.0.1:1', code: 'ABCDEFGH' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // It tried the server (which is not there) instead of refusing for want of a manager.
    expect(result.error.code).not.toBe('NOT_SIGNED_IN');
    expect(result.error.code).not.toBe('FORBIDDEN');
  });
});
