import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Cell = string | number | boolean | null;

/** Plain-text table: numbers right-aligned, text left-aligned, so columns can be read by eye. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = (c: Cell) => (c === null ? '-' : typeof c === 'boolean' ? (c ? 'yes' : 'NO') : String(c));
  const cells = [headers.map(String), ...rows.map((r) => r.map(text))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[], raw?: readonly Cell[]) =>
    r
      .map((c, i) => (typeof raw?.[i] === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]!, rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r, i) => line(cells[i + 1]!, r)),
  ].join('\n');
}

/** One machine-readable line per benchmark. */
export function emitJson(bench: string, data: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify({ bench, ...data })}`);
}

export function heading(title: string): void {
  console.log(`\n== ${title} ==`);
}

/** A temp folder that is removed however the benchmark ends. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A row of the final summary printed by scripts/bench.ts. */
export interface SummaryRow {
  bench: string;
  metric: string;
  value: Cell;
  unit: string;
}
