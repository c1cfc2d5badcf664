import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sale } from '@nota/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegisterCore } from '../core';
import { seedDemoData } from '../seed/demo-data';
import { DEMO_USERS } from '../seed/demo-data';
import { writeSettings } from '../settings/settings';
import { opensslChainFailures, type SignedRow } from '../test-support/receipt-chain-check';
import { createTestRegister, type TestRegister } from '../test-support/register';

const CART = [
  [{ productId: 'p-coffee', quantity: 2 }, { productId: 'p-mug', quantity: 1 }],
  [{ productId: 'p-book', quantity: 1, discount: { kind: 'percent' as const, bp: 1000 } }],
  [{ productId: 'p-bun', quantity: 3 }, { productId: 'p-poster', quantity: 1 }, { productId: 'p-ticket', quantity: 1 }],
];

async function sell(reg: TestRegister, i: number): Promise<Sale> {
  const lines = CART[i % CART.length]!;
  const payments = i % 2 === 0 ? [{ method: 'cash' as const, tenderedOre: 200_000 }] : [{ method: 'card' as const, amountOre: (await reg.call('cart/price', { lines })).totalOre }];
  return (await reg.call('sales/complete', { id: randomUUID(), lines, payments })).sale;
}

function signedRows(reg: TestRegister): SignedRow[] {
  return reg.core.context.store.sqlite
    .prepare(
      `SELECT receipt_number AS receiptNumber, completed_at AS completedAt, total_ore AS totalOre, net_ore AS netOre, signature
         FROM sales WHERE training = 0 ORDER BY receipt_number`,
    )
    .all() as SignedRow[];
}

function publicKey(reg: TestRegister): string {
  return (reg.core.context.store.sqlite.prepare('SELECT public_key_pem AS pem FROM signing_keys WHERE version = 1').get() as { pem: string }).pem;
}

describe('Norway: every receipt signed, chained to the one before', () => {
  let reg: TestRegister;
  beforeEach(async () => {
    reg = createTestRegister({ customers: 5 });
    writeSettings(reg.core.context.db, { country: 'NO' });
    await reg.signInAs('cashier');
  });
  afterEach(() => reg.dispose());

  it('signs each sale with key version 1, a chain openssl verifies, also across a restart of the register', async () => {
    const before = [await sell(reg, 0), await sell(reg, 1), await sell(reg, 2)];
    reg = reg.reopen();
    await reg.signInAs('cashier');
    const after = [await sell(reg, 3), await sell(reg, 4)];

    for (const sale of [...before, ...after]) {
      expect(sale.signature?.keyVersion).toBe(1);
      expect(Buffer.from(sale.signature!.value, 'base64')).toHaveLength(128); // a 1024-bit RSA signature
    }
    const rows = signedRows(reg);
    expect(rows.map((r) => r.receiptNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(opensslChainFailures(publicKey(reg), rows)).toEqual([]);
    // The sale that syncs carries the same signature as the register keeps.
    const events = reg.core.context.store.sqlite.prepare("SELECT payload FROM outbox WHERE type = 'sale.completed' ORDER BY seq").all() as { payload: string }[];
    expect(events.map((e) => (JSON.parse(e.payload) as { sale: Sale }).sale.signature?.value)).toEqual(rows.map((r) => r.signature));
  });

  it('shows a broken link: a changed amount, a missing receipt, a signature from another chain', async () => {
    for (let i = 0; i < 4; i++) await sell(reg, i);
    const rows = signedRows(reg);
    const key = publicKey(reg);
    expect(opensslChainFailures(key, rows)).toEqual([]);

    const changedAmount = rows.map((r) => (r.receiptNumber === 2 ? { ...r, totalOre: r.totalOre + 1 } : r));
    expect(opensslChainFailures(key, changedAmount)).toEqual([2]);
    // Receipt 3 removed: receipt 4 was chained to it, so 4 no longer verifies after 2.
    expect(opensslChainFailures(key, rows.filter((r) => r.receiptNumber !== 3))).toEqual([4]);
    // The first receipt chains to 0, not to anything else.
    expect(opensslChainFailures(key, rows, rows[3]!.signature)).toContain(1);
  });

  it('does not sign in Sweden', async () => {
    writeSettings(reg.core.context.db, { country: 'SE' });
    const sale = await sell(reg, 0);
    expect(sale.signature).toBeNull();
  });
});

describe("the register's private key", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nota-signing-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made at enrolment and stays in the database: never in a sync event, a handler answer, a log or an error', async () => {
    const registerId = randomUUID();
    const enrolAnswer = { registerId, registerName: 'Kasse 1', costCentre: { code: 'OSL', name: 'Oslo' }, token: 'test-token' };
    const logged: unknown[] = [];
    const core = createRegisterCore({
      dbPath: join(dir, 'register.sqlite'),
      // Stands in for the server's enrolment answer only; what the register does with it is real.
      sync: { fetch: async () => new Response(JSON.stringify(enrolAnswer), { status: 200, headers: { 'content-type': 'application/json' } }) },
      onInternalError: (err) => logged.push(err),
    });
    try {
      seedDemoData(core.context.store, { customers: 5 });
      const answers: unknown[] = [];
      const send = async (name: Parameters<typeof core.send>[0], args: unknown) => {
        const result = await core.send(name, args as never);
        answers.push(result);
        return result;
      };
      const sqlite = core.context.store.sqlite;
      expect(sqlite.prepare('SELECT count(*) AS n FROM signing_keys').get()).toEqual({ n: 0 });
      expect((await send('sync/enrol', { serverUrl: 'http://127.0.0.1:1', code: 'ABCDEFGH' })).ok).toBe(true);
      const keys = sqlite.prepare('SELECT version, private_key_pem AS priv, public_key_pem AS pub FROM signing_keys').all() as { version: number; priv: string; pub: string }[];
      expect(keys.map((k) => k.version)).toEqual([1]);
      const { priv, pub } = keys[0]!;
      expect(priv).toContain('BEGIN PRIVATE KEY');

      const keyEvents = sqlite.prepare("SELECT payload FROM outbox WHERE type = 'register.key'").all() as { payload: string }[];
      expect(keyEvents.map((e) => JSON.parse(e.payload) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ type: 'register.key', keyVersion: 1, algorithm: 'RSA-SHA1', publicKeyPem: pub }),
      ]);

      writeSettings(core.context.db, { country: 'NO' });
      const cashier = DEMO_USERS[0]!;
      await send('session/sign-in', { userId: cashier.id, pin: cashier.pin });
      await send('sales/complete', { id: randomUUID(), lines: CART[0], payments: [{ method: 'cash', tenderedOre: 100_000 }] });
      await send('settings/get', {});
      await send('sync/status', {});
      await send('outbox/status', {});
      await send('sales/recent', { limit: 10 });

      // A key that no longer decodes: the sale is refused, and nothing of the key shows in the refusal.
      sqlite.exec('DROP TRIGGER signing_keys_immutable_update');
      sqlite.prepare('UPDATE signing_keys SET private_key_pem = ? WHERE version = 1').run(priv.slice(0, 400));
      const refused = await send('sales/complete', { id: randomUUID(), lines: CART[1], payments: [{ method: 'cash', tenderedOre: 100_000 }] });
      expect(refused.ok).toBe(false);
      expect(sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 1 });

      const outbox = (sqlite.prepare('SELECT payload FROM outbox').all() as { payload: string }[]).map((r) => r.payload).join('\n');
      const seen = [outbox, JSON.stringify(answers), ...logged.map((e) => (e instanceof Error ? `${e.message}\n${e.stack}` : JSON.stringify(e)))].join('\n');
      expect(seen).not.toContain('PRIVATE KEY');
      const body = priv.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      for (let i = 0; i + 24 <= body.length; i += 24) expect(seen).not.toContain(body.slice(i, i + 24));
    } finally {
      await core.close();
    }
  });
});
