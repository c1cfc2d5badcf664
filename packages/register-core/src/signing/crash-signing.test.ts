import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSettings } from '../settings/settings';
import { opensslChainFailures, type SignedRow } from '../test-support/receipt-chain-check';
import { createTestRegister, type TestRegister } from '../test-support/register';
import { sellUntilKilled } from '../test-support/sell-until-killed';

describe('a Norwegian register killed in the middle of selling', () => {
  let reg: TestRegister;
  beforeAll(() => {
    reg = createTestRegister({ customers: 20 });
    writeSettings(reg.core.context.db, { country: 'NO' });
    reg.core.close();
  });
  afterAll(() => reg.dispose());

  it('keeps gapless receipt numbers whose signatures form one unbroken chain', async () => {
    const acknowledged: string[] = [];
    for (const killAfter of [30, 71]) {
      acknowledged.push(...(await sellUntilKilled(reg.dbPath, killAfter)));
      const db = new Database(reg.dbPath, { readonly: true });
      try {
        const rows = db
          .prepare(
            `SELECT id, receipt_number AS receiptNumber, completed_at AS completedAt, total_ore AS totalOre, net_ore AS netOre,
                    signature, signature_key_version AS keyVersion
               FROM sales WHERE training = 0 ORDER BY receipt_number`,
          )
          .all() as (SignedRow & { id: string; keyVersion: number })[];
        const ids = new Set(rows.map((r) => r.id));
        for (const id of acknowledged) expect(ids.has(id), `acknowledged sale ${id} is missing`).toBe(true);
        expect(rows.map((r) => r.receiptNumber)).toEqual(rows.map((_, i) => i + 1));
        expect(rows.every((r) => r.signature && r.keyVersion === 1)).toBe(true);
        const { pem } = db.prepare('SELECT public_key_pem AS pem FROM signing_keys WHERE version = 1').get() as { pem: string };
        expect(opensslChainFailures(pem, rows)).toEqual([]);
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
