import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative, formatTime } from './dates';

const sv = { language: 'sv', country: 'SE' } as const;
const en = { language: 'en', country: 'SE' } as const;

describe('dates', () => {
  const at = '2026-11-27T13:05:00Z';

  it('formats in the register’s time zone and language', () => {
    expect(formatTime(at, sv, 'Europe/Stockholm')).toBe('14:05');
    expect(formatDateTime(at, sv, 'Europe/Stockholm')).toBe('2026-11-27 14:05');
    expect(formatDate(at, sv, 'Europe/Stockholm')).toBe('27 nov. 2026');
    expect(formatDate(at, en, 'Europe/Stockholm')).toMatch(/27 Nov 2026/);
  });

  it('says how long ago, in words', () => {
    const now = new Date('2026-11-27T13:08:00Z');
    expect(formatRelative(at, now, sv)).toBe('för 3 minuter sedan');
    expect(formatRelative(at, now, en)).toBe('3 minutes ago');
    expect(formatRelative('2026-11-27T13:07:55Z', now, en)).toBe('now');
    expect(formatRelative('2026-11-26T13:08:00Z', now, sv)).toBe('i går');
  });
});
