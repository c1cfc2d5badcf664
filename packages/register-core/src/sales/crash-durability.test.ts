import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { sellUntilKilled } from '../test-support/sell-until-killed';

describe('a register killed in the middle of selling', () => {
  let reg: TestRegister;
  beforeAll(() => {
    reg = createTestRegister({ customers: 20 });
    reg.core.close();
  });
  afterAll(() => reg.dispose());

  it('keeps every acknowledged sale with its outbox event, and no partial sale', async () => {
    const acknowledged: string[] = [];
    // Three kills at different depths: the kill lands at whatever point the next commit has reached.
    for (const killAfter of [40, 97, 153]) {
      acknowledged.push(...(await sellUntilKilled(reg.dbPath, killAfter)));

      const db = new Database(reg.dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const saleIds = new Set((db.prepare('SELECT id FROM sales').all() as { id: string }[]).map((r) => r.id));
        const eventSaleIds = new Set(
          (db.prepare("SELECT json_extract(payload, '$.sale.id') AS id FROM outbox WHERE type = 'sale.completed'").all() as { id: string }[]).map((r) => r.id),
        );
        for (const id of acknowledged) {
          expect(saleIds.has(id), `acknowledged sale ${id} is missing`).toBe(true);
        }
        expect(eventSaleIds).toEqual(saleIds);

        const partial = db
          .prepare(
            `SELECT s.id FROM sales s
              WHERE (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id) <> 3
                 OR (SELECT coalesce(sum(gross_ore), -1) FROM sale_lines l WHERE l.sale_id = s.id) <> s.total_ore
                 OR (SELECT coalesce(sum(amount_ore), -1) FROM sale_payments p WHERE p.sale_id = s.id) <> s.total_ore + s.rounding_ore`,
          )
          .all();
        expect(partial).toEqual([]);
        const numbers = db.prepare('SELECT min(receipt_number) AS lo, max(receipt_number) AS hi, count(*) AS n FROM sales').get() as { lo: number; hi: number; n: number };
        expect(numbers).toEqual({ lo: 1, hi: saleIds.size, n: saleIds.size });
        expect((db.prepare('SELECT count(*) AS n FROM sale_lines WHERE sale_id NOT IN (SELECT id FROM sales)').get() as { n: number }).n).toBe(0);
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
