import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoff with full jitter', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };
  it('doubles the ceiling per attempt up to the maximum', () => {
    const top = () => 0.999_999;
    expect(backoffDelay(0, opts, top)).toBe(999);
    expect(backoffDelay(3, opts, top)).toBe(7999);
    expect(backoffDelay(10, opts, top)).toBe(59_999);
    expect(backoffDelay(500, opts, top)).toBe(59_999);
  });
  it('spreads registers over the whole window', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(4, opts));
    expect(Math.min(...delays)).toBeLessThan(1600);
    expect(Math.max(...delays)).toBeGreaterThan(14_400);
    expect(delays.every((d) => d >= 0 && d < 16_000)).toBe(true);
  });
});
