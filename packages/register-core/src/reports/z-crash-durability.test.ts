import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { runUntilKilled } from '../test-support/run-until-killed';

const CHILD = fileURLToPath(new URL('../test-support/day-writer-child.ts', import.meta.url));

describe('a register killed while selling and closing Z reports', () => {
  let reg: TestRegister;
  beforeAll(() => {
    reg = createTestRegister({ customers: 5 });
    reg.core.close();
  });
  afterAll(() => reg.dispose());

  it('keeps gapless receipt and Z numbers, every acknowledged Z with its event and journal line, and no sale in two', async () => {
    const ackedZ: number[] = [];
    const ackedSales: string[] = [];
    for (const killAfter of [23, 61, 88]) {
      for (const line of await runUntilKilled(CHILD, reg.dbPath, killAfter)) {
        if (line.startsWith('ack z ')) ackedZ.push(Number(line.slice(6)));
        if (line.startsWith('ack sale ')) ackedSales.push(line.slice(9));
      }
      const db = new Database(reg.dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const zs = db.prepare('SELECT number, last_receipt_number AS last, report FROM z_reports ORDER BY number').all() as { number: number; last: number; report: string }[];
        expect(zs.map((z) => z.number)).toEqual(zs.map((_, i) => i + 1));
        for (const n of ackedZ) expect(zs.some((z) => z.number === n), `acknowledged Z ${n} is missing`).toBe(true);
        // Each Z covers exactly the receipts after the previous one's last: none twice, none skipped.
        let previousLast = 0;
        let grandTotal = 0;
        for (const z of zs) {
          const figures = JSON.parse(z.report).figures as { firstReceiptNumber: number; lastReceiptNumber: number; receiptCount: number; netSalesOre: number; grandTotalOre: number };
          expect(figures.firstReceiptNumber).toBe(previousLast + 1);
          expect(figures.receiptCount).toBe(z.last - previousLast);
          const summed = db.prepare('SELECT sum(total_ore) FROM sales WHERE training = 0 AND receipt_number > ? AND receipt_number <= ?').pluck().get(previousLast, z.last);
          expect(figures.netSalesOre).toBe(summed);
          grandTotal += figures.netSalesOre;
          expect(figures.grandTotalOre).toBe(grandTotal);
          previousLast = z.last;
        }
        const events = db.prepare("SELECT json_extract(payload, '$.report.number') FROM outbox WHERE type = 'z-report.closed' ORDER BY seq").pluck().all();
        expect(events).toEqual(zs.map((z) => z.number));
        const journal = db.prepare("SELECT detail FROM journal WHERE code = '13009' ORDER BY seq").pluck().all();
        expect(journal).toEqual(zs.map((z) => `Z ${z.number}`));
        const saleIds = new Set(db.prepare('SELECT id FROM sales').pluck().all() as string[]);
        for (const id of ackedSales) expect(saleIds.has(id)).toBe(true);
        expect(db.prepare('SELECT min(receipt_number) AS lo, max(receipt_number) AS hi, count(*) AS n FROM sales').get()).toEqual({ lo: 1, hi: saleIds.size, n: saleIds.size });
        const seqs = db.prepare('SELECT seq FROM journal ORDER BY seq').pluck().all() as number[];
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      } finally {
        db.close();
      }
    }
    expect(ackedZ.length).toBeGreaterThan(10);
  }, 180_000);
});
