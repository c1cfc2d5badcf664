import { DomainError } from '../errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar arithmetic on 'YYYY-MM-DD' dates: no time of day, so no daylight-saving surprises. */
export function addDays(date: string, days: number): string {
  const m = ISO_DATE.exec(date);
  if (!m || !Number.isSafeInteger(days)) {
    throw new DomainError('INVALID', `cannot add ${days} days to '${date}': a YYYY-MM-DD date and whole days are required`);
  }
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return new Date(utc).toISOString().slice(0, 10);
}

// Making a formatter costs about forty times as much as using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a time zone, e.g. a sale at 23:30 UTC is the next day in Stockholm. */
export function localDateIn(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

export const TIME_ZONES = { SE: 'Europe/Stockholm', NO: 'Europe/Oslo' } as const;

/** Agresso and most Nordic ledgers number periods YYYYMM. */
export function periodOf(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new DomainError('INVALID', `'${date}' is not a YYYY-MM-DD date`);
  return Number(`${m[1]}${m[2]}`);
}
