import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { exportHsds } from '../../directory/hsds/export';
import { TABLES } from '../../directory/hsds/tables';
import { openDatabase } from '../../store/database';

export const exportHsdsCommand: Command = {
  name: 'export hsds',
  summary: 'export the service directory as an HSDS 3.0 tabular package',
  help: `
Usage: haven export hsds DIR [--data-dir DIR]

Writes the whole directory to DIR as an Open Referral HSDS 3.0 Tabular Data Package
(datapackage.json and one CSV per table), which \`haven import hsds DIR\` reads back to the
same data. Haven's own columns (haven_*) are included.

This is the deployer's copy: confidential addresses (shelters) are kept, marked
haven_confidential_address=true, so handle the folder as sensitive. The chat and the read
API never show them.

Options:
  --data-dir DIR    database folder (default: HAVEN_DATA_DIR or ./data)
`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
    const dir = positionals[0];
    if (!dir || positionals.length > 1) throw new UsageError('give one DIR to write the package to');
    const db = openDatabase(values['data-dir'] ?? process.env['HAVEN_DATA_DIR'] ?? './data');
    try {
      const result = exportHsds(db, dir);
      process.stdout.write(`Wrote ${TABLES.map((t) => `${t.name} ${result.rows[t.name]}`).join(', ')} to ${dir}.\n`);
      if (result.confidentialLocations > 0) {
        process.stdout.write(
          `${result.confidentialLocations} location(s) have confidential addresses (haven_confidential_address=true): keep this folder private.\n`,
        );
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
