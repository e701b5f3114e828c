import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { importHsds, inputSize } from '../../directory/hsds/import';
import { stderrProgress } from '../../directory/hsds/progress';
import { formatProblem, ImportError } from '../../directory/hsds/problems';
import { TABLES } from '../../directory/hsds/tables';
import { openDatabase } from '../../store/database';

export const importHsdsCommand: Command = {
  name: 'import hsds',
  summary: 'import a service directory (Open Referral HSDS 3.0: tabular package or JSON)',
  help: `
Usage: haven import hsds PATH [--dry-run] [--data-dir DIR]

Imports services into Haven's directory. PATH is either
  - a folder holding an HSDS Tabular Data Package (datapackage.json and one CSV per table:
    organization, service, location, service_at_location, address, phone, schedule,
    language, taxonomy_term, attribute), or
  - an HSDS 3.0 JSON file (services with their nested objects, as the HSDA API returns them).

Every row is checked first; problems are printed as file:row:column (rows and columns as a
spreadsheet numbers them; line:column for JSON). Only a package without errors is written,
all in one transaction: rows are added or replaced by id, so importing the same package twice
changes nothing, and a failed import leaves the directory exactly as it was.

Haven's own columns (see docs/directory.md): service.haven_category, haven_gender,
haven_verified, haven_verified_date; location.haven_confidential_address (a place whose
address is never shown: phone only).

Options:
  --dry-run         check the package and report, write nothing
  --data-dir DIR    database folder (default: HAVEN_DATA_DIR or ./data)
`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, 'data-dir': { type: 'string' } },
    });
    const input = positionals[0];
    if (!input || positionals.length > 1) throw new UsageError('give one PATH: a package folder or an HSDS .json file');
    const db = openDatabase(values['data-dir'] ?? process.env['HAVEN_DATA_DIR'] ?? './data');
    try {
      const progress = stderrProgress({ tty: process.stderr.isTTY === true, totalBytes: inputSize(input) });
      const result = await importHsds(db, input, { progress, dryRun: values['dry-run'] === true });
      for (const p of result.problems) process.stderr.write(formatProblem(p) + '\n');
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      const counts = TABLES.map((t) => `${t.name} ${result.rows[t.name]}`).join(', ');
      if (errors > 0) {
        process.stderr.write(`\n${errors} error(s): nothing was imported; the directory is unchanged.\n`);
        return 1;
      }
      if (values['dry-run']) {
        process.stdout.write(`The package is valid (${counts}). Nothing was written (--dry-run).\n`);
      } else {
        process.stdout.write(`Imported ${counts}. ${result.indexed} service locations are searchable.\n`);
      }
      return 0;
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      process.stderr.write(`haven import hsds: ${e.message}\n`);
      return 1;
    } finally {
      db.close();
    }
  },
};
