/**
 * Opening hours: HSDS schedule rows (RFC 5545-style freq/byday plus opens_at/closes_at) turned
 * into compact rules, and "is it open at this local time?". A closing time at or before the
 * opening time runs past midnight into the next day (22:00-06:00); equal times (00:00-00:00)
 * or 00:00-24:00 mean the whole day.
 */
import type { Row } from '../hsds/tables';
import { dayDate, dayNumber, type LocalTime } from './zone';

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const ALL_DAYS = 0b1111111;
export const DAY_MINUTES = 24 * 60;

/** One opening pattern, in the place's local time. Short keys: it is stored in the search index. */
export interface OpeningRule {
  /** weekdays, bit 0 = Monday ... bit 6 = Sunday */
  d: number;
  /** opens, minutes after midnight */
  o: number;
  /** closes, minutes after midnight (1440 = midnight at the end of the day); <= o runs past midnight */
  c: number;
  /** MONTHLY only: which occurrence of the weekday in the month (1..5, or -1 for the last...) */
  n?: number[];
  /** MONTHLY only: days of the month (1..31, or -1 for the last) */
  m?: number[];
  /** every `i` weeks (WEEKLY) or months (MONTHLY), counted from `s` */
  i?: number;
  /** first date (dtstart), YYYY-MM-DD */
  s?: string;
  /** valid from / to (inclusive), YYYY-MM-DD */
  f?: string;
  t?: string;
}

/** Minutes after midnight of an HH:MM time (an offset suffix is ignored: times are local). */
export function minutesOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})/.exec(time);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v > DAY_MINUTES ? null : v;
}

/** The rules one HSDS schedule row describes; empty when it gives no opening times. */
export function rulesOf(row: Row): OpeningRule[] {
  const opens = typeof row['opens_at'] === 'string' ? minutesOf(row['opens_at']) : null;
  const closes = typeof row['closes_at'] === 'string' ? minutesOf(row['closes_at']) : null;
  if (opens === null || closes === null) return [];
  const freq = row['freq'] === 'MONTHLY' ? 'MONTHLY' : 'WEEKLY';
  const base: Omit<OpeningRule, 'd'> = { o: opens === DAY_MINUTES ? 0 : opens, c: closes === 0 && opens === 0 ? DAY_MINUTES : closes };
  const interval = typeof row['interval'] === 'number' && row['interval'] > 1 ? row['interval'] : undefined;
  const start = str(row['dtstart']);
  if (interval && start) Object.assign(base, { i: interval, s: start });
  const from = str(row['valid_from']);
  const to = earlier(str(row['valid_to']), str(row['until']));
  if (from) base.f = from;
  if (to) base.t = to;

  const byday = str(row['byday']);
  const parts = byday ? byday.split(',').map((p) => p.trim().toUpperCase()).filter(Boolean) : [];
  const days: { day: number; nth: number | null }[] = [];
  for (const p of parts) {
    const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(p);
    if (!m) return []; // an unreadable rule is no rule: hours stay unknown rather than wrong
    days.push({ day: DAY_CODES.indexOf(m[2] as (typeof DAY_CODES)[number]), nth: m[1] ? Number(m[1]) : null });
  }
  const monthDays = (str(row['bymonthday']) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (monthDays.some((d) => !Number.isInteger(d) || d === 0 || d < -31 || d > 31)) return [];

  if (freq === 'MONTHLY') {
    if (monthDays.length) return [{ ...base, d: ALL_DAYS, m: monthDays }];
    const rules: OpeningRule[] = [];
    const byNth = new Map<number, number>();
    for (const { day, nth } of days) {
      if (nth === null) {
        rules.push({ ...base, d: 1 << day });
        continue;
      }
      byNth.set(nth, (byNth.get(nth) ?? 0) | (1 << day));
    }
    for (const [nth, mask] of byNth) rules.push({ ...base, d: mask, n: [nth] });
    return rules.length ? rules : [{ ...base, d: ALL_DAYS }];
  }
  const mask = days.reduce((acc, { day }) => acc | (1 << day), 0);
  return [{ ...base, d: days.length ? mask : ALL_DAYS }];
}

/** Does the rule's calendar (not its times) include this local date? */
function appliesOn(rule: OpeningRule, day: number, weekday: number): boolean {
  if (!(rule.d & (1 << weekday))) return false;
  if (rule.f && day < dayNumber(rule.f)) return false;
  if (rule.t && day > dayNumber(rule.t)) return false;
  if (rule.s && day < dayNumber(rule.s)) return false;
  const date = dayDate(day);
  const dom = Number(date.slice(8, 10));
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (rule.n) {
    const fromStart = Math.ceil(dom / 7);
    const fromEnd = -(Math.floor((monthLength - dom) / 7) + 1);
    if (!rule.n.includes(fromStart) && !rule.n.includes(fromEnd)) return false;
  }
  if (rule.m && !rule.m.includes(dom) && !rule.m.includes(dom - monthLength - 1)) return false;
  if (rule.i && rule.s) {
    const start = dayNumber(rule.s);
    if (rule.m || rule.n) {
      const months = (year - Number(rule.s.slice(0, 4))) * 12 + (month - Number(rule.s.slice(5, 7)));
      if (months % rule.i !== 0) return false;
    } else {
      // Weeks counted from the Monday of dtstart's week.
      const startMonday = start - ((start + 3) % 7);
      const weeks = Math.floor((day - startMonday) / 7);
      if (weeks % rule.i !== 0) return false;
    }
  }
  return true;
}

/** Open at this local time? Null when there are no rules (hours unknown). */
export function isOpenAt(rules: readonly OpeningRule[], at: LocalTime): boolean | null {
  if (rules.length === 0) return null;
  const yesterday = at.day - 1;
  const yesterdayWeekday = (at.weekday + 6) % 7;
  for (const r of rules) {
    const allDay = r.c === r.o || (r.o === 0 && r.c >= DAY_MINUTES);
    if (allDay) {
      if (appliesOn(r, at.day, at.weekday)) return true;
      continue;
    }
    if (r.c > r.o) {
      if (at.minutes >= r.o && at.minutes < r.c && appliesOn(r, at.day, at.weekday)) return true;
    } else {
      // Past midnight: open from `o` today, or until `c` this morning if it opened yesterday.
      if (at.minutes >= r.o && appliesOn(r, at.day, at.weekday)) return true;
      if (at.minutes < r.c && appliesOn(r, yesterday, yesterdayWeekday)) return true;
    }
  }
  return false;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
