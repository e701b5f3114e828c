import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { SECRET_FILE } from '../../privacy/pseudonym';
import { BackupError, backupDatabase, type DatabaseSummary } from '../../server/backup';
import { ConfigError, loadConfig } from '../../server/config';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the live database to a file, consistently, while Haven runs',
  help: `
Usage: haven backup FILE [--data-dir DIR] [--force]

Copies the database under HAVEN_DATA_DIR to FILE with SQLite's online backup API. Haven may
keep running: the copy is one consistent snapshot. The copy is checked with PRAGMA
integrity_check before it is kept, and is readable by its owner only.

The pseudonym secret is not in the backup (see docs/deploy.md, "Backups"): keep a copy of
HAVEN_PSEUDONYM_SECRET, or of DATA_DIR/pseudonym.secret, somewhere else. Without it a restored
database cannot be matched to its users.

Restore with \`haven restore FILE\` (Haven stopped).

Options:
  --data-dir DIR   the data folder (default: HAVEN_DATA_DIR, or ./data)
  --force          replace FILE if it exists
`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to write the backup to');
    const file = positionals[0] ?? '';
    let dataDir: string;
    try {
      dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : loadConfig().HAVEN_DATA_DIR;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      process.stderr.write(`haven backup: ${e.message}\n`);
      return 1;
    }
    try {
      const started = Date.now();
      const summary = await backupDatabase(dataDir, file, { force: values.force ?? false });
      process.stdout.write(describe('backed up to', summary, Date.now() - started));
      const secretFile = path.join(dataDir, SECRET_FILE);
      const where = fs.existsSync(secretFile) ? secretFile : 'HAVEN_PSEUDONYM_SECRET';
      process.stdout.write(`note: the pseudonym secret (${where}) is not in the backup; keep a copy of it separately\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof BackupError)) throw e;
      process.stderr.write(`haven backup: ${e.message}\n`);
      return 1;
    }
  },
};

export function describe(what: string, s: DatabaseSummary, ms?: number): string {
  const rows = Object.entries(s.tables)
    .filter(([t]) => t !== 'schema_migrations')
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const took = ms === undefined ? '' : ` in ${ms} ms`;
  return `${what} ${s.file} (${(s.bytes / 1024).toFixed(0)} KB${took}; integrity ok; rows: ${rows})\n`;
}
