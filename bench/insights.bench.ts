/**
 * The supervisors' dashboard and CSV over a busy deployment's counters: a year of days, each with
 * every node of the shipped flows reached, drop-offs, quiz answers, help searched in 10 kinds ×
 * 20 countries, handoffs and interrupts in six languages (about 1,800 counter rows a day). Both
 * run on the server's one event loop, so their time is time no chat turn is answered: measured
 * for 30 and 366 days.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATEGORIES } from '../src/directory/categories';
import { defaultContentPaths, loadContent } from '../src/flows/content';
import { contentLabels } from '../src/insights/content-labels';
import { buildDashboard, buildDashboardSliced } from '../src/insights/dashboard';
import { WAIT_BUCKETS } from '../src/insights/metrics';
import { csvByDay, dailyRows, toCsv } from '../src/insights/report';
import { openDatabase, type Db } from '../src/store/database';
import { fmt, percentile, type Bench } from './bench';

const DAYS = 366;
const RUNS = 7;
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'ru'];
const COUNTRIES = ['pl', 'de', 'co', 'ua', 'ro', 'md', 'ng', 'th', 'ph', 'mx', 've', 'sy', 'af', 'er', 'so', 'ke', 'np', 'bd', 'vn', 'fr'];

function fill(db: Db, flows: ReturnType<typeof loadContent>['flows']): number {
  const put = db.prepare('INSERT INTO insights_daily (day, metric, dim1, dim2, count) VALUES (?, ?, ?, ?, ?)');
  let rows = 0;
  const start = Date.UTC(2026, 0, 1);
  db.transaction(() => {
    for (let d = 0; d < DAYS; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      const row = (metric: string, dim1: string, dim2: string, count: number) => {
        put.run(day, metric, dim1, dim2, count);
        rows++;
      };
      for (const [id, flow] of flows) {
        row('flow_started', id, '', 20 + (d % 30));
        row('flow_finished', id, '', 10 + (d % 20));
        for (const node of Object.keys(flow.nodes)) row('node_reached', id, node, 5 + (d % 40));
        for (const node of Object.keys(flow.nodes).slice(0, 8)) row('drop_off', id, node, 1 + (d % 12));
        for (const [node, n] of Object.entries(flow.nodes)) {
          if (n.kind === 'choice' && /^[cq]\d/.test(node)) {
            row('quiz_right', id, node, 8 + (d % 9));
            row('quiz_wrong', id, node, 1 + (d % 7));
          }
        }
      }
      for (const c of CATEGORIES) for (const country of COUNTRIES) row('help_searched', c, country, 1 + ((d + country.length) % 15));
      for (const lang of LANGUAGES) {
        row('handoff_requested', lang, 'normal', 3 + (d % 8));
        row('handoff_requested', lang, 'urgent', d % 3);
        row('handoff_unanswered', lang, '', d % 2);
        for (const name of ['emergency', 'delete', 'stop', 'human', 'language', 'menu']) row('interrupt', name, lang, 1 + (d % 6));
      }
      for (const w of WAIT_BUCKETS) row('handoff_answered', w, '', 2 + (d % 5));
      for (const o of ['advice_given', 'referred', 'emergency_services', 'no_response', 'person_left']) row('handoff_outcome', o, '', 1 + (d % 4));
    }
  })();
  return rows;
}

function time(run: () => unknown): { median: number; max: number } {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    run();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 50), max: ms.at(-1)! };
}

/** A run that yields now and then: its total time, and the longest the event loop was held at once. */
async function sliced(run: () => Promise<void>): Promise<{ median: number; block: number }> {
  const totals: number[] = [];
  let block = 0;
  for (let i = 0; i < RUNS; i++) {
    let last = process.hrtime.bigint();
    let ticking = true;
    const tick = () => {
      const now = process.hrtime.bigint();
      block = Math.max(block, Number(now - last) / 1e6);
      last = now;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const t = process.hrtime.bigint();
    await run();
    totals.push(Number(process.hrtime.bigint() - t) / 1e6);
    ticking = false;
  }
  totals.sort((a, b) => a - b);
  return { median: percentile(totals, 50), block };
}

export const insightsBench: Bench = {
  name: 'insights',
  summary: 'the supervisors\' dashboard and CSV over a year of a busy deployment\'s counters',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-insights-'));
    try {
      const content = loadContent(defaultContentPaths());
      const texts = content.texts;
      const db = openDatabase(dir);
      const rows = fill(db, content.flows);
      const labels = contentLabels(content.flows, texts, 'en');
      const lines = [
        `${fmt(rows)} counter rows over ${DAYS} days (${fmt(rows / DAYS)} a day); ${RUNS} runs each. "In one go" holds the event loop for all of its time; the console's sliced reads hold it at most for the "longest block":`,
        '',
        '| what | period | median | max | size |',
        '| --- | --- | --- | --- | --- |',
      ];
      for (const days of [30, DAYS]) {
        const period = { from: new Date(Date.UTC(2026, 0, 1) + (DAYS - days) * 86_400_000).toISOString().slice(0, 10), to: new Date(Date.UTC(2026, 0, 1) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10) };
        let json = '';
        const d = time(() => (json = JSON.stringify(buildDashboard(db, period, 10, labels))));
        lines.push(`| dashboard, in one go | ${days} days | ${fmt(d.median, 1)} ms | ${fmt(d.max, 1)} ms | ${fmt(json.length / 1024)} KB |`);
        const ds = await sliced(async () => void JSON.stringify(await buildDashboardSliced(db, period, 10, labels)));
        lines.push(`| dashboard, a month at a time (the console) | ${days} days | ${fmt(ds.median, 1)} ms in all; longest block ${fmt(ds.block, 1)} ms | | |`);
        let csv = '';
        const c = time(() => (csv = toCsv(dailyRows(db, period, 10))));
        lines.push(`| CSV, in one go (before) | ${days} days | ${fmt(c.median, 1)} ms | ${fmt(c.max, 1)} ms | ${fmt(csv.length / 2 ** 20, 1)} MB |`);
        const cs = await sliced(async () => {
          for (const chunk of csvByDay(db, period, 10)) {
            void chunk;
            await new Promise((r) => setImmediate(r));
          }
        });
        lines.push(`| CSV, a day at a time (console, command line) | ${days} days | ${fmt(cs.median, 1)} ms in all; longest block ${fmt(cs.block, 1)} ms | | |`);
      }
      db.close();
      return lines.join('\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
