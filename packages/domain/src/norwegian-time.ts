// Norwegian receipts and the SAF-T Cash Register file give dates and times on the store's wall clock.
const NORWEGIAN_TIME_ZONE = 'Europe/Oslo';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: NORWEGIAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;

/** A UTC moment from calendar fields (month 1 to 12); unlike Date.UTC, years 0 to 99 stay themselves. */
function utc(year: number, month: number, day: number, h = 0, min = 0, sec = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, min, sec, 0);
  return d.getTime();
}
/** Oslo's offset from UTC by UTC hour: it only ever changes on the hour, so one lookup serves the hour. */
const offsetByHour = new Map<number, number>();

function osloOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const p = Object.fromEntries(parts.formatToParts(new Date(hour * HOUR_MS)).map((x) => [x.type, x.value]));
    offset = utc(Number(p.year), Number(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - hour * HOUR_MS;
    // A year of exports is about 9,000 hours; the bound only keeps a long-running server from growing.
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A moment as the SAF-T file writes it: `YYYY-MM-DD` and `HH:MM:SS`, Norwegian local time. Called for
 * every receipt of a year's file, so the time-zone lookup is made once per hour, not per call.
 */
export function norwegianDateTime(at: Date | string): { date: string; time: string } {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a moment: ${String(at)}`);
  const wall = new Date(ms + osloOffsetMs(ms));
  const year = wall.getUTCFullYear();
  return {
    date: `${year < 1000 ? String(year).padStart(4, '0') : year}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
    time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}`,
  };
}

/**
 * The moment a Norwegian calendar day (`YYYY-MM-DD`) begins, for periods given as dates: Oslo's offset
 * is +01:00 or +02:00, found by asking the clock rather than by knowing the summer-time rules.
 */
export function norwegianDayStart(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const utcMidnight = utc(Number(m[1]), Number(m[2]), Number(m[3]));
  let guess = utcMidnight;
  // Two rounds settle it: the offset at the guess, then at the corrected moment (near a change).
  for (let i = 0; i < 2; i++) {
    const wall = norwegianDateTime(new Date(guess));
    const [h, min, sec] = wall.time.split(':').map(Number) as [number, number, number];
    const [y, mo, d] = wall.date.split('-').map(Number) as [number, number, number];
    const offset = utc(y, mo, d, h, min, sec) - guess;
    guess = utcMidnight - offset;
  }
  return new Date(guess);
}

/** The day after a `YYYY-MM-DD` date, as a date. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
