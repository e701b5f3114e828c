/**
 * The supervisors' dashboard: anonymous counts over a period, and the same counters per day as
 * CSV. Both suppress every count under HAVEN_INSIGHTS_MIN_COUNT before it leaves the server.
 *
 *   GET /api/insights?from=YYYY-MM-DD&to=YYYY-MM-DD&lang=    the dashboard (labels in lang)
 *   GET /api/insights.csv?from=&to=                          per day, as a download (audit: insights_export)
 *
 * Days are UTC dates; without from/to, the last 30 days up to today.
 */
import { once } from 'node:events';
import type { Request, Response } from 'express';
import { contentLabels } from '../insights/content-labels';
import { buildDashboardSliced, MAX_PERIOD_DAYS } from '../insights/dashboard';
import { csvByDay, type Period } from '../insights/report';
import { sendError } from './api-errors';
import type { ConsoleDeps } from './deps';
import { viewerOf } from './guard';
import { firstIssue, InsightsQuery } from './requests';
import type { ConsoleRoutes } from './route-table';

const DAY = 86_400_000;
/** The period shown when none is asked for. */
export const DEFAULT_PERIOD_DAYS = 30;

export function insightRoutes(r: ConsoleRoutes, d: ConsoleDeps): void {
  // Both read in slices (a month, a day) with the event loop free in between: chats go on
  // being answered while a supervisor looks at a year (bench/RESULTS.md, "insights").
  r.add('get', '/api/insights', 'supervisor', async (req, res) => {
    const asked = periodOf(req, res, d.now());
    if (!asked) return;
    const lang = asked.lang && d.texts.languages.includes(asked.lang) ? asked.lang : (d.texts.languages[0] ?? 'en');
    d.insights.flush();
    const insights: DeskInsights = await buildDashboardSliced(d.db, asked.period, d.insights.minCount, contentLabels(d.insights.flows, d.texts, lang));
    res.json({ insights });
  });

  r.add('get', '/api/insights.csv', 'supervisor', async (req, res) => {
    const asked = periodOf(req, res, d.now());
    if (!asked) return;
    const { from, to } = asked.period;
    d.insights.flush();
    d.audit.record(viewerOf(req).actor, 'insights_export', d.now(), { detail: `${from}..${to}` });
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="haven-insights-${from}-to-${to}.csv"` });
    try {
      for (const chunk of csvByDay(d.db, asked.period, d.insights.minCount)) {
        if (res.destroyed) return; // the download was cancelled
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    } catch (e) {
      // The status line has gone: all that is left is to cut the download short.
      d.log.error({ err: e instanceof Error ? e.message : String(e) }, 'insights CSV export failed');
      res.destroy();
    }
  });
}

/** The period asked for, or an answered 400. */
function periodOf(req: Request, res: Response, now: number): { period: Period; lang: string | undefined } | null {
  const query = InsightsQuery.safeParse(req.query);
  if (!query.success) {
    sendError(res, 'invalid_request', firstIssue(query.error));
    return null;
  }
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const to = query.data.to ?? day(now);
  const from = query.data.from ?? day(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY + 1;
  if (days < 1) {
    sendError(res, 'invalid_request', 'from: must not be after to');
    return null;
  }
  if (days > MAX_PERIOD_DAYS) {
    sendError(res, 'invalid_request', `the period must be at most ${MAX_PERIOD_DAYS} days`);
    return null;
  }
  return { period: { from, to }, lang: query.data.lang };
}
