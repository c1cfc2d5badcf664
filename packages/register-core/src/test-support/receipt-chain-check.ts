import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// An independent check of Norway's receipt signatures for tests: the signed text is built here on its
// own (not with @nota/domain's receiptSignedText) and verified by the openssl command-line tool.

export interface SignedRow {
  receiptNumber: number;
  completedAt: string;
  totalOre: number;
  netOre: number;
  signature: string;
}

const osloClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Oslo',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** `prev;YYYY-MM-DD;HH:MM:SS;nr;in;ex`, written without the production code. */
export function expectedSignedText(previous: string, row: Omit<SignedRow, 'signature'>): string {
  const [date, time] = osloClock.format(new Date(row.completedAt)).split(' ');
  const kr = (ore: number) => (ore / 100).toFixed(2);
  return `${previous};${date};${time};${row.receiptNumber};${kr(row.totalOre)};${kr(row.netOre)}`;
}

/** Runs `openssl dgst -sha1 -verify` on each receipt's text; answers which receipts fail, in order. */
export function opensslChainFailures(publicKeyPem: string, rows: readonly SignedRow[], startPrevious = '0'): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'nota-chain-'));
  try {
    writeFileSync(join(dir, 'pub.pem'), publicKeyPem);
    const failures: number[] = [];
    let previous = startPrevious;
    for (const row of rows) {
      writeFileSync(join(dir, 'text'), expectedSignedText(previous, row));
      writeFileSync(join(dir, 'sig'), Buffer.from(row.signature, 'base64'));
      if (!opensslVerifies(dir)) failures.push(row.receiptNumber);
      previous = row.signature;
    }
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function opensslVerifies(dir: string): boolean {
  try {
    const out = execFileSync('openssl', ['dgst', '-sha1', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'text')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.trim() === 'Verified OK';
  } catch {
    return false;
  }
}
