import { parseArgs } from 'node:util';
import path from 'node:path';
import type { Command } from '../command';
import { checkContent, defaultContentPaths } from '../../flows/content';
import { formatDiagnostic, hasErrors } from '../../flows/diagnostics';

export const flowsCheckCommand: Command = {
  name: 'flows check',
  summary: 'check flows and translations; exits non-zero on any error',
  help: `
Usage: haven flows check [--flows DIR] [--locales DIR]

Checks every flow in flows/ and every translation in locales/, reporting problems as
file:line:column: schema violations, unknown node or flow targets, unreachable nodes, nodes
with no way forward, duplicate choice ids, keys missing in a shipped language, and unused
keys (warnings). Prints translation coverage per language. Exits 1 on any error.

Options:
  --flows DIR     flows folder (default: the shipped flows/)
  --locales DIR   locales folder (default: the shipped locales/)
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { flows: { type: 'string' }, locales: { type: 'string' } } });
    const defaults = defaultContentPaths();
    const paths = {
      flowsDir: values.flows ?? defaults.flowsDir,
      localesDir: values.locales ?? defaults.localesDir,
    };
    const checked = checkContent(relative(paths));
    for (const d of checked.diagnostics) process.stdout.write(formatDiagnostic(d) + '\n');
    const errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = checked.diagnostics.length - errors;
    process.stdout.write(`\nTranslation coverage (${checked.coverage[0]?.total ?? 0} keys in use):\n`);
    for (const c of checked.coverage) {
      const pct = c.total === 0 ? 100 : Math.floor((c.present / c.total) * 1000) / 10;
      process.stdout.write(`  ${c.lng.padEnd(4)} ${String(pct).padStart(5)}%  (${c.present}/${c.total})\n`);
    }
    process.stdout.write(
      `\n${checked.loaded.flows.size} flows, ${errors} error(s), ${warnings} warning(s)\n`,
    );
    return hasErrors(checked.diagnostics) ? 1 : 0;
  },
};

/** Report paths relative to the working directory, as editors and CI logs expect. */
function relative(paths: { flowsDir: string; localesDir: string }) {
  const rel = (p: string) => path.relative(process.cwd(), path.resolve(p)) || '.';
  return { flowsDir: rel(paths.flowsDir), localesDir: rel(paths.localesDir) };
}
