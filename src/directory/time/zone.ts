/**
 * A place's own time zone, and the local date and time there at an instant. Opening hours are
 * wall-clock times where the service is, so "open now" is decided in that zone, not the
 * server's or the user's.
 */
import tzlookup from '@photostructure/tz-lookup';
import { isIanaZone } from '../hsds/cells';

/** An IANA zone name (Europe/Warsaw) or a fixed offset (+01:00, from an HSDS numeric timezone). */
export type Zone = string;

export interface LocalTime {
  /** YYYY-MM-DD in the zone */
  date: string;
  /** day number (days since 1970-01-01) of `date`, for date arithmetic */
  day: number;
  /** 0 = Monday ... 6 = Sunday */
  weekday: number;
  /** minutes since local midnight */
  minutes: number;
}

/**
 * Which zone a place keeps its hours in: a zone name given with its schedule wins; then the
 * zone at its coordinates (right across summer time); then a numeric HSDS offset; else UTC.
 */
export function zoneFor(o: { scheduleZone?: string | number | null; lat?: number | null; lon?: number | null }): Zone {
  if (typeof o.scheduleZone === 'string' && isIanaZone(o.scheduleZone)) return o.scheduleZone;
  if (typeof o.lat === 'number' && typeof o.lon === 'number') {
    const found = zoneAt(o.lat, o.lon);
    if (found) return found;
  }
  if (typeof o.scheduleZone === 'number') return offsetZone(o.scheduleZone);
  return 'UTC';
}

/** The IANA zone at a point (offline lookup), or null. */
export function zoneAt(lat: number, lon: number): Zone | null {
  try {
    return tzlookup(lat, lon);
  } catch {
    return null;
  }
}

function offsetZone(hours: number): Zone {
  const sign = hours < 0 ? '-' : '+';
  const total = Math.round(Math.abs(hours) * 60);
  return `${sign}${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The local date, weekday and time in `zone` at `ms` (ms since the epoch). */
export function localTime(zone: Zone, ms: number): LocalTime {
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (fixed) {
    const offset = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
    return fromUtcFields(new Date(ms + offset * 60_000));
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter(zone).formatToParts(ms);
  } catch {
    return fromUtcFields(new Date(ms));
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return {
    date,
    day: dayNumber(date),
    weekday: WEEKDAYS.indexOf(get('weekday')),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function fromUtcFields(d: Date): LocalTime {
  const date = d.toISOString().slice(0, 10);
  return { date, day: dayNumber(date), weekday: (d.getUTCDay() + 6) % 7, minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** The YYYY-MM-DD date of a day number. */
export function dayDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
