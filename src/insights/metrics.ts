/**
 * Every counter Haven keeps, and what its two dimensions mean. Dimensions are always codes
 * from the flows, the directory or configuration (flow and node ids, categories, language and
 * country codes, buckets); never a key, never text a person typed.
 */
export const insightMetrics = {
  flow_started: ['flow', ''],
  flow_finished: ['flow', ''],
  node_reached: ['flow', 'node'],
  drop_off: ['flow', 'node'],
  quiz_right: ['flow', 'node'],
  quiz_wrong: ['flow', 'node'],
  interrupt: ['interrupt', 'language'],
  help_searched: ['category', 'country'],
  handoff_requested: ['language', 'urgency'],
  handoff_answered: ['wait', ''],
  handoff_unanswered: ['language', ''],
  handoff_outcome: ['outcome', ''],
} as const;

export type InsightMetric = keyof typeof insightMetrics;

/** Waiting time buckets, shortest first, coarse enough to say nothing about one person. */
export const WAIT_BUCKETS = ['under_1_min', '1_to_5_min', '5_to_15_min', '15_to_60_min', 'over_60_min'] as const;

export function waitBucket(ms: number): (typeof WAIT_BUCKETS)[number] {
  const min = ms / 60_000;
  if (min < 1) return 'under_1_min';
  if (min < 5) return '1_to_5_min';
  if (min < 15) return '5_to_15_min';
  if (min < 60) return '15_to_60_min';
  return 'over_60_min';
}

/**
 * Codes only: anything else is replaced, so text can never reach the table by mistake. A code
 * starts with a letter or digit, so no cell of an export can start a spreadsheet formula (= + - @).
 */
export function dimension(value: string | null | undefined): string {
  if (!value) return '';
  return /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,63}$/.test(value) ? value : 'other';
}
