import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { defaultContentPaths, loadContent } from '../../flows/content';
import { suppress, totals } from '../../insights/report';
import { loadInsightSettings } from '../../insights/settings';
import { openDatabase } from '../../store/database';
import { defaultPeriod } from './insights-export';

export const flowsStatsCommand: Command = {
  name: 'flows stats',
  summary: 'per node of a flow: how many reached it and where people left',
  help: `
Usage: haven flows stats FLOW [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--data-dir DIR] [--flows DIR] [--locales DIR]

For content authors: for each node of FLOW, in order, how many times it was reached and how
many conversations stopped there (the session expired), plus how often the flow was started
and finished, and quiz answers right and wrong. Counts below HAVEN_INSIGHTS_MIN_COUNT
(default 10) are shown as "fewer than 10".
`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'data-dir': { type: 'string' },
        flows: { type: 'string' },
        locales: { type: 'string' },
      },
    });
    const flowId = positionals[0];
    if (!flowId) throw new UsageError('name the flow, e.g. haven flows stats lesson_offers');
    const defaults = defaultContentPaths();
    const content = loadContent({ flowsDir: values.flows ?? defaults.flowsDir, localesDir: values.locales ?? defaults.localesDir });
    const flow = content.flows.get(flowId);
    if (!flow) throw new UsageError(`no flow "${flowId}" (flows: ${[...content.flows.keys()].sort().join(', ')})`);
    const period = defaultPeriod(values.from, values.to);
    const { HAVEN_INSIGHTS_MIN_COUNT: min } = loadInsightSettings();
    const db = openDatabase(values['data-dir'] ?? process.env['HAVEN_DATA_DIR'] ?? './data');
    const all = totals(db, period, 0).filter((r) => r.dim1 === flowId);
    db.close();
    const get = (metric: string, node = '') => Number(all.find((r) => r.metric === metric && r.dim2 === node)?.count ?? 0);
    const show = (n: number) => String(suppress(n, min));
    const lines = [
      `${flowId}: ${period.from} to ${period.to}`,
      `started ${show(get('flow_started'))}, finished ${show(get('flow_finished'))}`,
      '',
      `${'node'.padEnd(24)} ${'kind'.padEnd(9)} ${'reached'.padStart(15)} ${'left here'.padStart(15)}  quiz right / wrong`,
    ];
    for (const [id, node] of Object.entries(flow.nodes)) {
      const right = get('quiz_right', id);
      const wrong = get('quiz_wrong', id);
      const quiz = right + wrong > 0 ? `${show(right)} / ${show(wrong)}` : '';
      lines.push(`${id.padEnd(24)} ${node.kind.padEnd(9)} ${show(get('node_reached', id)).padStart(15)} ${show(get('drop_off', id)).padStart(15)}  ${quiz}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
