import { localeTag, type LocaleSettings } from './locale';

/** Dates and times on screen, in the register's conventions and the reader's language. */

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: LocaleSettings, kind: 'date' | 'time' | 'dateTime', timeZone?: string): Intl.DateTimeFormat {
  const key = `${localeTag(locale)}|${kind}|${timeZone ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date' ? { dateStyle: 'medium' } : kind === 'time' ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(localeTag(locale), timeZone ? { ...options, timeZone } : options);
    cache.set(key, f);
  }
  return f;
}

const toDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

export function formatDate(value: string | Date, locale: LocaleSettings, timeZone?: string): string {
  return dateTimeFormat(locale, 'date', timeZone).format(toDate(value));
}

export function formatTime(value: string | Date, locale: LocaleSettings, timeZone?: string): string {
  return dateTimeFormat(locale, 'time', timeZone).format(toDate(value));
}

export function formatDateTime(value: string | Date, locale: LocaleSettings, timeZone?: string): string {
  return dateTimeFormat(locale, 'dateTime', timeZone).format(toDate(value));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "för 3 minuter sedan" / "3 minutes ago"; "nu" / "now" under ten seconds. */
export function formatRelative(value: string | Date, now: Date, locale: LocaleSettings): string {
  const diff = toDate(value).getTime() - now.getTime();
  const rtf = new Intl.RelativeTimeFormat(locale.language, { numeric: 'auto' });
  if (Math.abs(diff) < 10_000) return rtf.format(0, 'second');
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}
