/**
 * Reading the counters for people: totals over a period, with small counts suppressed so no
 * figure under the threshold (default 10) ever leaves the database as a number.
 */
import type { Db } from '../store/database';

export type Shown = number | string;

export interface CounterRow {
  day: string;
  metric: string;
  dim1: string;
  dim2: string;
  count: Shown;
}

/** A count as it may be shown: the number, or "fewer than N". */
export function suppress(count: number, threshold: number): Shown {
  return count < threshold ? `fewer than ${threshold}` : count;
}

export interface Period {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
}

/** One row per day and counter, suppressed. */
export function dailyRows(db: Db, period: Period, threshold: number): CounterRow[] {
  const rows = db
    .prepare('SELECT day, metric, dim1, dim2, count FROM insights_daily WHERE day BETWEEN ? AND ? ORDER BY day, metric, dim1, dim2')
    .all(period.from, period.to) as (Omit<CounterRow, 'count'> & { count: number })[];
  return rows.map((r) => ({ ...r, count: suppress(r.count, threshold) }));
}

export interface RawTotal {
  metric: string;
  dim1: string;
  dim2: string;
  count: number;
}

/**
 * Totals over the period per counter and dimensions, NOT suppressed: only for code that
 * suppresses before anything is shown (`totals`, the dashboard).
 */
export function rawTotals(db: Db, period: Period, metric?: string | readonly string[]): RawTotal[] {
  const metrics = metric === undefined ? [] : typeof metric === 'string' ? [metric] : metric;
  return db
    .prepare(
      `SELECT metric, dim1, dim2, sum(count) AS count FROM insights_daily WHERE day BETWEEN ? AND ?
       ${metrics.length ? `AND metric IN (${metrics.map(() => '?').join(', ')})` : ''}
       GROUP BY metric, dim1, dim2 ORDER BY metric, count DESC, dim1, dim2`,
    )
    .all(period.from, period.to, ...metrics) as RawTotal[];
}

/** One counter's total per day of the period (days with no count are absent), NOT suppressed. */
export function rawDaily(db: Db, period: Period, metric: string): { day: string; count: number }[] {
  return db
    .prepare('SELECT day, sum(count) AS count FROM insights_daily WHERE day BETWEEN ? AND ? AND metric = ? GROUP BY day ORDER BY day')
    .all(period.from, period.to, metric) as { day: string; count: number }[];
}

/** Totals over the period per counter and dimensions, suppressed after adding up. */
export function totals(db: Db, period: Period, threshold: number, metric?: string | readonly string[]): Omit<CounterRow, 'day'>[] {
  return rawTotals(db, period, metric).map((r) => ({ ...r, count: suppress(r.count, threshold) }));
}

export const CSV_HEADER = 'day,metric,dim1,dim2,count\n';

/** CSV lines (no header) of daily counters, suppressed. */
export function csvLines(rows: readonly CounterRow[]): string {
  const cell = (v: Shown) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  let out = '';
  for (const r of rows) out += `${cell(r.day)},${cell(r.metric)},${cell(r.dim1)},${cell(r.dim2)},${cell(r.count)}\n`;
  return out;
}

/** CSV of the daily counters, suppressed, for spreadsheets. */
export function toCsv(rows: readonly CounterRow[]): string {
  return CSV_HEADER + csvLines(rows);
}

/**
 * The same CSV a day at a time: a year of a busy deployment is tens of megabytes and seconds of
 * work, which a server must not do in one go on the event loop that answers chats.
 */
export function* csvByDay(db: Db, period: Period, threshold: number): Generator<string> {
  yield CSV_HEADER;
  for (const day of daysOf(period)) {
    const rows = dailyRows(db, { from: day, to: day }, threshold);
    if (rows.length) yield csvLines(rows);
  }
}

/** Every day of a period, in order (UTC dates). */
export function daysOf(period: Period): string[] {
  const out: string[] = [];
  const end = Date.parse(`${period.to}T00:00:00Z`);
  for (let t = Date.parse(`${period.from}T00:00:00Z`); t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** A period cut into consecutive slices of at most `days` days. */
export function slicesOf(period: Period, days: number): Period[] {
  const all = daysOf(period);
  const out: Period[] = [];
  for (let i = 0; i < all.length; i += days) out.push({ from: all[i]!, to: all[Math.min(all.length, i + days) - 1]! });
  return out;
}
