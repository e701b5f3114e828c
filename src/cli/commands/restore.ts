import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { SECRET_FILE } from '../../privacy/pseudonym';
import { BackupError, restoreDatabase } from '../../server/backup';
import { ConfigError, loadConfig } from '../../server/config';
import { describe } from './backup';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'put a backup in place as the database (Haven stopped)',
  help: `
Usage: haven restore FILE [--data-dir DIR] [--force]

Checks the backup FILE (PRAGMA integrity_check) and copies it into HAVEN_DATA_DIR as the
database. Stop Haven first. Into a data folder that already has a database only with --force;
the old database is then kept beside it as haven.sqlite.before-restore-<time>.

Conversations carry on only with the same pseudonym secret as when the backup was taken: set
HAVEN_PSEUDONYM_SECRET, or put the saved pseudonym.secret file into the data folder.
The next \`haven serve\` applies any migrations the backup is missing (an older version's backup).

Options:
  --data-dir DIR   the data folder (default: HAVEN_DATA_DIR, or ./data)
  --force          replace an existing database (kept beside it)
`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one backup FILE to restore');
    let dataDir: string;
    let secretSet: boolean;
    try {
      const config = loadConfig();
      dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : config.HAVEN_DATA_DIR;
      secretSet = config.HAVEN_PSEUDONYM_SECRET !== undefined;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      process.stderr.write(`haven restore: ${e.message}\n`);
      return 1;
    }
    try {
      const summary = restoreDatabase(positionals[0] ?? '', dataDir, { force: values.force ?? false });
      process.stdout.write(describe('restored', summary));
      if (summary.replaced) process.stdout.write(`the database it replaced is kept as ${summary.replaced}\n`);
      if (!secretSet && !fs.existsSync(path.join(dataDir, SECRET_FILE))) {
        process.stdout.write(
          `warning: no pseudonym secret (HAVEN_PSEUDONYM_SECRET or ${path.join(dataDir, SECRET_FILE)}): put back the one in use when the backup was taken, or no conversation will be found\n`,
        );
      }
      return 0;
    } catch (e) {
      if (!(e instanceof BackupError)) throw e;
      process.stderr.write(`haven restore: ${e.message}\n`);
      return 1;
    }
  },
};
