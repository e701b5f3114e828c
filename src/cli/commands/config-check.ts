import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { checkSettings, declaredSettings } from '../../server/all-settings';
import { loadConfig } from '../../server/config';
import { pathProblems } from '../../server/config-paths';
import { configFileValues } from '../../server/settings';

export const configCheckCommand: Command = {
  name: 'config check',
  summary: 'validate every setting (environment and HAVEN_CONFIG_FILE) without starting',
  help: `
Usage: haven config check [--show]

Reads every setting of every module (the core, each channel, privacy...) from the environment
and from the file named by HAVEN_CONFIG_FILE, exactly as \`haven serve\` does, and reports each
problem with the variable's name, what is wrong and an example. Also checks that the data,
flows and locales folders are usable, and warns about variables that look like a misspelt
setting. Exits 1 on any problem, 0 otherwise. Starts nothing and writes nothing.

Options:
  --show   also list every setting with its value and where it came from (secrets hidden)

Every setting is described in .env.example (\`haven config example\` prints it).
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { show: { type: 'boolean' } } });
    const report = checkSettings(process.env);
    const problems = [...report.problems];
    if (problems.length === 0) problems.push(...pathProblems(loadConfig(process.env)));
    for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
    if (problems.length) {
      process.stderr.write(`haven config check: invalid configuration:\n${problems.map((p) => `  ${p}\n`).join('')}`);
      return 1;
    }
    const settings = declaredSettings();
    if (values.show) process.stdout.write(showSettings(settings));
    process.stdout.write(`configuration is valid: ${settings.length} settings checked\n`);
    return 0;
  },
};

function showSettings(settings: ReturnType<typeof declaredSettings>): string {
  const file = configFileValues(process.env).values;
  const width = Math.max(...settings.map((d) => d.name.length));
  return settings
    .map((d) => {
      const env = process.env[d.name];
      const [value, source] =
        env !== undefined && env !== ''
          ? [env, 'environment']
          : process.env[`${d.name}_FILE`] || file.has(`${d.name}_FILE`)
            ? ['', `${d.name}_FILE`]
            : file.has(d.name) && file.get(d.name) !== ''
              ? [file.get(d.name) ?? '', 'config file']
              : d.setting.default !== undefined
                ? [d.setting.default, 'default']
                : ['', 'unset'];
      const shown = source === 'unset' ? '' : d.setting.secret || source.endsWith('_FILE') ? '(hidden)' : value;
      return `${d.name.padEnd(width)}  ${shown}${shown ? '  ' : ''}[${source}]\n`;
    })
    .join('');
}
