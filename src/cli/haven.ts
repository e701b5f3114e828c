#!/usr/bin/env node
/** `haven`: one command-line entry with subcommands, each with --help. */
import { parseArgs } from 'node:util';
import { UsageError, wantsHelp, type Command } from './command';
import { backupCommand } from './commands/backup';
import { caseworkerAddCommand } from './commands/caseworker-add';
import { caseworkerDisableCommand, caseworkerEnableCommand } from './commands/caseworker-disable';
import { caseworkerListCommand } from './commands/caseworker-list';
import { caseworkerResetPasswordCommand } from './commands/caseworker-reset-password';
import { chatCommand } from './commands/chat';
import { exportHsdsCommand } from './commands/export-hsds';
import { importHsdsCommand } from './commands/import-hsds';
import { configCheckCommand } from './commands/config-check';
import { configExampleCommand } from './commands/config-example';
import { flowsCheckCommand } from './commands/flows-check';
import { flowsSchemaCommand } from './commands/flows-schema';
import { flowsStatsCommand } from './commands/flows-stats';
import { insightsExportCommand } from './commands/insights-export';
import { restoreCommand } from './commands/restore';
import { serveCommand } from './commands/serve';

export const commands: Command[] = [
  serveCommand,
  chatCommand,
  flowsCheckCommand,
  flowsSchemaCommand,
  flowsStatsCommand,
  insightsExportCommand,
  configCheckCommand,
  configExampleCommand,
  backupCommand,
  restoreCommand,
  importHsdsCommand,
  exportHsdsCommand,
  caseworkerAddCommand,
  caseworkerListCommand,
  caseworkerDisableCommand,
  caseworkerEnableCommand,
  caseworkerResetPasswordCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: haven <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `haven <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const command = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!command) {
    const asked = argv[0];
    if (asked === undefined || asked === '--help' || asked === '-h' || asked === 'help') {
      process.stdout.write(overview() + '\n');
      return asked === undefined ? 1 : 0;
    }
    process.stderr.write(`haven: unknown command "${argv.join(' ')}"\n\n${overview()}\n`);
    return 2;
  }
  const args = argv.slice(command.name.split(' ').length);
  if (wantsHelp(args)) {
    process.stdout.write(command.help.trim() + '\n');
    return 0;
  }
  try {
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`haven ${command.name}: ${(e as Error).message}\nRun \`haven ${command.name} --help\`.\n`);
      return 2;
    }
    throw e;
  }
}

export { parseArgs };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`haven: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
