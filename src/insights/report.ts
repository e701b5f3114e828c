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

/** CSV of the daily counters, suppressed, for spreadsheets. */
export function toCsv(rows: readonly CounterRow[]): string {
  const cell = (v: Shown) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  return ['day,metric,dim1,dim2,count', ...rows.map((r) => [r.day, r.metric, r.dim1, r.dim2].map((v) => cell(v)).join(',') + ',' + cell(r.count))].join('\n') + '\n';
}
