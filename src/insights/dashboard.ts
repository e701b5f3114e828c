/**
 * The supervisors' dashboard over a period, as figures that are safe to show. Every count under
 * the threshold is withheld (null: "fewer than N"), zero included. A total shown beside its
 * parts is withheld too when subtracting the shown parts would give away a small hidden one
 * (e.g. 40 in all, 31 and 6 shown, so the hidden part is 3): it is then given as "at least" the
 * shown parts. Rates are worked out only from two shown counts. Hidden rows are listed by code,
 * never by their true size, so their order says nothing either.
 *
 * Everything here is a code (flow, node, category, country, language, bucket); the console
 * adds the words. Labels of flows and scenarios come from the content through `labels`.
 */
import type { Db } from '../store/database';
import { WAIT_BUCKETS } from './metrics';
import { daysOf, rawDaily, rawTotals, slicesOf, type Period, type RawTotal } from './report';

/** A count as it may be shown: null when under the threshold. */
export type Count = number | null;

/** A total shown beside its parts: withheld (count null) when it would reveal a small part. */
export interface Total {
  count: Count;
  /** when the total is withheld but is not itself small: the shown parts' sum */
  atLeast: number | null;
}

export interface Item {
  code: string;
  count: Count;
}

export interface FlowRow {
  flow: string;
  label: string;
  started: Count;
  finished: Count;
  /** finished / started, 0..1, when both are shown */
  finishedShare: number | null;
}

export interface PlaceRow {
  flow: string;
  flowLabel: string;
  node: string;
  /** the step's words, shortened (null for steps without text) */
  text: string | null;
  count: Count;
}

export interface QuizRow {
  flow: string;
  flowLabel: string;
  node: string;
  /** the scenario as people read it, shortened */
  text: string | null;
  right: Count;
  wrong: Count;
  /** wrong / (right + wrong), 0..1, when both are shown */
  wrongShare: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  minCount: number;
  totals: {
    flowsStarted: Total;
    flowsFinished: Total;
    helpSearched: Total;
    handoffsRequested: Total;
    emergencies: Total;
  };
  /** flows started, every day of the period */
  daily: { day: string; count: Count }[];
  flows: FlowRow[];
  /** where conversations expired, most first */
  dropOff: PlaceRow[];
  /** places not listed (the list is capped) */
  dropOffMore: number;
  /** scenarios, the most often missed first */
  quiz: QuizRow[];
  help: { byCategory: Item[]; byCountry: Item[] };
  handoffs: {
    byLanguage: Item[];
    /** urgent (emergency words used) and normal */
    byUrgency: Item[];
    /** answered, by time waited, shortest first (every bucket listed) */
    answeredByWait: Item[];
    /** not answered within the answer time (helplines were offered) */
    unanswered: Count;
    outcomes: Item[];
  };
  emergenciesByLanguage: Item[];
  /** other interrupts (stop, delete, human, language, menu) by name */
  interrupts: Item[];
}

export interface DashboardLabels {
  flow(id: string): string;
  /** a step's words, shortened, or null */
  node(flow: string, node: string): string | null;
}

/** Drop-off places listed at most. */
export const MAX_PLACES = 25;
/** Longest period, in days, the dashboard and its export cover at once. */
export const MAX_PERIOD_DAYS = 366;

const METRICS = [
  'flow_started',
  'flow_finished',
  'drop_off',
  'quiz_right',
  'quiz_wrong',
  'interrupt',
  'help_searched',
  'handoff_requested',
  'handoff_answered',
  'handoff_unanswered',
  'handoff_outcome',
] as const;

/** The dashboard in one go (the reference the sliced read is tested against; benchmarks). */
export function buildDashboard(db: Db, period: Period, minCount: number, labels: DashboardLabels): Dashboard {
  return dashboardOf(rawTotals(db, period, METRICS), rawDaily(db, period, 'flow_started'), period, minCount, labels);
}

/** Days read at once by `buildDashboardSliced` (a month of a busy deployment: about 25 ms). */
export const SLICE_DAYS = 31;

/**
 * The same dashboard, read a month at a time with the event loop free in between: a year of a
 * busy deployment takes a few hundred milliseconds, which chats must not wait for in one piece.
 */
export async function buildDashboardSliced(db: Db, period: Period, minCount: number, labels: DashboardLabels): Promise<Dashboard> {
  const sums = new Map<string, RawTotal>();
  const daily: { day: string; count: number }[] = [];
  for (const slice of slicesOf(period, SLICE_DAYS)) {
    for (const r of rawTotals(db, slice, METRICS)) {
      const k = `${r.metric}\u0000${r.dim1}\u0000${r.dim2}`;
      const known = sums.get(k);
      if (known) known.count += r.count;
      else sums.set(k, { ...r });
    }
    daily.push(...rawDaily(db, slice, 'flow_started'));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return dashboardOf([...sums.values()], daily, period, minCount, labels);
}

function dashboardOf(rows: readonly RawTotal[], counted: { day: string; count: number }[], period: Period, minCount: number, labels: DashboardLabels): Dashboard {
  const of = (metric: string) => rows.filter((r) => r.metric === metric);
  const show = (n: number): Count => (n < minCount ? null : n);
  const items = (parts: Map<string, number>): Item[] => order([...parts].map(([code, n]) => ({ code, count: show(n) })));
  const total = (...partitions: Map<string, number>[]) => safeTotal(partitions, minCount);

  const started = sumBy(of('flow_started'), (r) => r.dim1);
  const finished = sumBy(of('flow_finished'), (r) => r.dim1);
  const days = everyDay(period, counted);
  const flows = [...new Set([...started.keys(), ...finished.keys()])].map((flow): FlowRow => {
    const s = show(started.get(flow) ?? 0);
    const f = show(finished.get(flow) ?? 0);
    return { flow, label: labels.flow(flow), started: s, finished: f, finishedShare: s !== null && f !== null ? Math.min(1, f / s) : null };
  });
  flows.sort((a, b) => (b.started ?? -1) - (a.started ?? -1) || a.flow.localeCompare(b.flow));

  const places = sumBy(of('drop_off'), (r) => `${r.dim1}\u0000${r.dim2}`);
  // Ordered by count and code alone, so only the places listed need their words.
  const ranked = order([...places].map(([code, n]) => ({ code, count: show(n) })));
  const dropOff = ranked.slice(0, MAX_PLACES).map(({ code, count }): PlaceRow => {
    const [flow = '', node = ''] = code.split('\u0000');
    return { flow, flowLabel: labels.flow(flow), node, text: labels.node(flow, node), count };
  });

  const right = sumBy(of('quiz_right'), (r) => `${r.dim1}\u0000${r.dim2}`);
  const wrong = sumBy(of('quiz_wrong'), (r) => `${r.dim1}\u0000${r.dim2}`);
  const quiz = [...new Set([...right.keys(), ...wrong.keys()])].map((k): QuizRow => {
    const [flow = '', node = ''] = k.split('\u0000');
    const r = show(right.get(k) ?? 0);
    const w = show(wrong.get(k) ?? 0);
    return { flow, flowLabel: labels.flow(flow), node, text: labels.node(flow, node), right: r, wrong: w, wrongShare: r !== null && w !== null ? w / (r + w) : null };
  });
  quiz.sort((a, b) => (b.wrongShare ?? -1) - (a.wrongShare ?? -1) || a.flow.localeCompare(b.flow) || a.node.localeCompare(b.node));

  const helpByCategory = sumBy(of('help_searched'), (r) => r.dim1);
  const helpByCountry = sumBy(of('help_searched'), (r) => r.dim2);
  const requestedByLanguage = sumBy(of('handoff_requested'), (r) => r.dim1);
  const requestedByUrgency = sumBy(of('handoff_requested'), (r) => r.dim2);
  const interrupts = of('interrupt');
  const emergencies = sumBy(interrupts.filter((r) => r.dim1 === 'emergency'), (r) => r.dim2);
  const answered = sumBy(of('handoff_answered'), (r) => r.dim1);

  return {
    from: period.from,
    to: period.to,
    minCount,
    totals: {
      flowsStarted: total(started, new Map(days.map((d) => [d.day, d.count]))),
      flowsFinished: total(finished),
      helpSearched: total(helpByCategory, helpByCountry),
      handoffsRequested: total(requestedByLanguage, requestedByUrgency),
      emergencies: total(emergencies),
    },
    daily: days.map((d) => ({ day: d.day, count: show(d.count) })),
    flows,
    dropOff,
    dropOffMore: ranked.length - dropOff.length,
    quiz,
    help: { byCategory: items(helpByCategory), byCountry: items(helpByCountry) },
    handoffs: {
      byLanguage: items(requestedByLanguage),
      byUrgency: items(requestedByUrgency),
      answeredByWait: WAIT_BUCKETS.map((code) => ({ code, count: show(answered.get(code) ?? 0) })),
      unanswered: show(of('handoff_unanswered').reduce((n, r) => n + r.count, 0)),
      outcomes: items(sumBy(of('handoff_outcome'), (r) => r.dim1)),
    },
    emergenciesByLanguage: items(emergencies),
    interrupts: items(sumBy(interrupts.filter((r) => r.dim1 !== 'emergency'), (r) => r.dim1)),
  };
}

/**
 * A total of parts shown beside it: shown unless, in some partition, the hidden parts add up
 * to more than nothing but less than the threshold (subtraction would give them away).
 */
export function safeTotal(partitions: readonly Map<string, number>[], minCount: number): Total {
  const first = partitions[0];
  const sum = first ? [...first.values()].reduce((a, b) => a + b, 0) : 0;
  if (sum < minCount) return { count: null, atLeast: null };
  let shownAtLeast = sum;
  let leaks = false;
  for (const parts of partitions) {
    let hidden = 0;
    for (const n of parts.values()) if (n < minCount) hidden += n;
    if (hidden > 0 && hidden < minCount) leaks = true;
    shownAtLeast = Math.min(shownAtLeast, sum - hidden);
  }
  return leaks ? { count: null, atLeast: shownAtLeast } : { count: sum, atLeast: null };
}

function sumBy(rows: readonly RawTotal[], key: (r: RawTotal) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.count);
  return out;
}

/** Shown counts, largest first; then the hidden ones by code (their true sizes must not order them). */
function order<T extends { code: string; count: Count }>(list: T[]): T[] {
  return list.sort((a, b) => {
    if (a.count !== null && b.count !== null) return b.count - a.count || a.code.localeCompare(b.code);
    if (a.count !== null) return -1;
    if (b.count !== null) return 1;
    return a.code.localeCompare(b.code);
  });
}

/** Every day of the period with its count (0 when nothing was counted). */
function everyDay(period: Period, counted: { day: string; count: number }[]): { day: string; count: number }[] {
  const byDay = new Map(counted.map((d) => [d.day, d.count]));
  return daysOf(period).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}
