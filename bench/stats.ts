/** Latency figures in milliseconds, rounded to 3 decimals. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

const round3 = (ms: number) => Math.round(ms * 1000) / 1000;
const toMs = (ns: bigint) => Number(ns) / 1e6;

/** Nearest-rank percentile: always a latency that was really observed, never an interpolation. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samplesNs: readonly bigint[]): Summary {
  const ms = samplesNs.map(toMs).sort((a, b) => a - b);
  const mean = ms.reduce((sum, x) => sum + x, 0) / (ms.length || 1);
  return {
    n: ms.length,
    p50: round3(percentile(ms, 50)),
    p99: round3(percentile(ms, 99)),
    mean: round3(mean),
    max: round3(ms[ms.length - 1] ?? Number.NaN),
  };
}

/** Runs fn once and returns its duration in ns, with its result so the caller can check it untimed. */
export function timeSync<T>(fn: () => T): [bigint, T] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [process.hrtime.bigint() - start, result];
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<[bigint, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [process.hrtime.bigint() - start, result];
}

export const elapsedMs = (startNs: bigint) => round3(toMs(process.hrtime.bigint() - startNs));
