import { once } from 'node:events';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { csvByDay } from '../../insights/report';
import { loadInsightSettings } from '../../insights/settings';
import { openDatabase } from '../../store/database';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const insightsExportCommand: Command = {
  name: 'insights export',
  summary: 'write the anonymous daily counters as CSV, small counts suppressed',
  help: `
Usage: haven insights export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE] [--data-dir DIR]

Writes one row per day and counter (day, metric, dim1, dim2, count). Counts below
HAVEN_INSIGHTS_MIN_COUNT (default 10) are written as "fewer than 10". The counters hold no
key and no text: see DATA.md.

Options:
  --from DATE      first day (default: 29 days before today, so 30 days with today)
  --to DATE        last day (default: today)
  --out FILE       write here instead of standard output
  --data-dir DIR   database folder (default: HAVEN_DATA_DIR or ./data)
`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' } },
    });
    const period = defaultPeriod(values.from, values.to);
    const { HAVEN_INSIGHTS_MIN_COUNT } = loadInsightSettings();
    const db = openDatabase(values['data-dir'] ?? process.env['HAVEN_DATA_DIR'] ?? './data');
    // A day at a time: a year of a busy deployment is tens of megabytes (bench/RESULTS.md).
    const sink = values.out ? fs.createWriteStream(values.out) : process.stdout;
    try {
      for (const chunk of csvByDay(db, period, HAVEN_INSIGHTS_MIN_COUNT)) if (!sink.write(chunk)) await once(sink, 'drain');
    } finally {
      db.close();
    }
    if (sink !== process.stdout) await new Promise<void>((resolve, reject) => sink.once('error', reject).end(resolve));
    return 0;
  },
};

export function defaultPeriod(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const today = new Date().toISOString().slice(0, 10);
  // 30 days including today, as in the console
  const monthAgo = new Date(Date.now() - 29 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  for (const [name, v] of [['--from', from], ['--to', to]] as const) {
    if (v !== undefined && !DATE.test(v)) throw new UsageError(`${name} must be a date like 2026-11-22`);
  }
  return { from: from ?? monthAgo, to: to ?? today };
}
