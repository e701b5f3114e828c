/**
 * Reading an HSDS Tabular Data Package: `datapackage.json` names a CSV per table; each CSV is
 * streamed through csv-parse (quotes, commas and line breaks inside fields, a BOM), so a file
 * of a million rows never has to fit in memory as text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { z } from 'zod';
import { DataPackageSchema } from './datapackage';
import { ImportError, shownPath, type ImportProblem } from './problems';
import type { SourceRow } from './source-row';
import { isTableName, TABLE_NAMES, table, type TableName, type TableSpec } from './tables';

export interface TabularFile {
  table: TableName;
  /** absolute path */
  path: string;
  /** as reported: relative to the working directory */
  shown: string;
  bytes: number;
}

/** The CSV files of a package, in the order tables must be read (referenced before referencing). */
export function packageFiles(dir: string, problems: ImportProblem[]): TabularFile[] {
  const descriptor = path.join(dir, 'datapackage.json');
  const shown = shownPath;
  const byTable = new Map<TableName, string>();
  if (fs.existsSync(descriptor)) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(descriptor, 'utf8'));
    } catch (e) {
      throw new ImportError(shown(descriptor), `not valid JSON: ${(e as Error).message}`);
    }
    const parsed = DataPackageSchema.safeParse(json);
    if (!parsed.success) throw new ImportError(shown(descriptor), z.prettifyError(parsed.error).replace(/\n/g, ' '));
    parsed.data.resources.forEach((r, i) => {
      if (isTableName(r.name)) {
        byTable.set(r.name, path.join(dir, r.path));
      } else {
        problems.push({ file: shown(descriptor), row: 1, column: 1, severity: 'warning', message: `resources[${i}] "${r.name}" is not a table Haven keeps; ignored` });
      }
    });
  } else {
    // Without a descriptor, tables are found by their HSDS file names.
    for (const name of TABLE_NAMES) {
      const file = path.join(dir, `${name}.csv`);
      if (fs.existsSync(file)) byTable.set(name, file);
    }
    if (byTable.size === 0) throw new ImportError(shown(dir), 'no datapackage.json and no HSDS CSV files (organization.csv, service.csv, ...)');
    problems.push({ file: shown(descriptor), row: 1, column: 1, severity: 'warning', message: 'no datapackage.json; read the CSV files by their HSDS names' });
  }
  const files: TabularFile[] = [];
  for (const name of TABLE_NAMES) {
    const file = byTable.get(name);
    if (!file) continue;
    if (!fs.existsSync(file)) throw new ImportError(shown(file), `listed in datapackage.json but not found`);
    files.push({ table: name, path: file, shown: shown(file), bytes: fs.statSync(file).size });
  }
  return files;
}

/**
 * Turns the records of one CSV into rows. The header is row 1; a value's place is its
 * spreadsheet row and column. Unknown columns are reported once (as warnings) and ignored; a
 * missing required column is an error at the header.
 */
class CsvTable {
  private readonly spec: TableSpec;
  private readonly known: Set<string>;
  private header: string[] | null = null;
  private columnOf = new Map<string, number>();
  private row = 0;

  constructor(
    private readonly file: TabularFile,
    private readonly problems: ImportProblem[],
  ) {
    this.spec = table(file.table);
    this.known = new Set(this.spec.columns.map((c) => c.name));
  }

  get rowsSeen(): number {
    return this.row;
  }

  record(record: string[]): SourceRow | null {
    this.row++;
    const { file, problems } = this;
    if (!this.header) {
      const header = record.map((h) => h.trim());
      this.header = header;
      this.columnOf = new Map(header.map((h, i) => [h, i + 1]));
      header.forEach((h, i) => {
        if (!this.known.has(h)) problems.push({ file: file.shown, row: 1, column: i + 1, severity: 'warning', message: `column "${h}" is not one Haven keeps; ignored` });
      });
      for (const c of this.spec.columns) {
        if (c.required && !header.includes(c.name)) {
          problems.push({ file: file.shown, row: 1, column: header.length + 1, severity: 'error', message: `required column "${c.name}" is missing` });
        }
      }
      return null;
    }
    const header = this.header;
    const values: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (this.known.has(h)) values[h] = record[i] ?? '';
    });
    const row = this.row;
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      problems.push({ file: file.shown, row, column: header.length + 1, severity: 'error', message: `has ${record.length} values but the header names ${header.length} columns` });
    }
    const width = header.length;
    const columns = this.columnOf;
    return { table: file.table, file: file.shown, values, at: { row, column: 1 }, locate: (c) => ({ row, column: columns.get(c) ?? width + 1 }) };
  }

  finish(): void {
    if (!this.header) this.problems.push({ file: this.file.shown, row: 1, column: 1, severity: 'error', message: 'is empty: a header row is needed' });
  }

  failed(e: unknown): void {
    const err = e as { message?: string; lines?: number };
    this.problems.push({ file: this.file.shown, row: err.lines ?? this.row + 1, column: 1, severity: 'error', message: `CSV cannot be read: ${err.message ?? String(e)}` });
  }
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false } as const;

/** Rows of one CSV, streamed (for files of any size). */
export async function* readCsv(
  file: TabularFile,
  problems: ImportProblem[],
  onBytes?: (bytes: number) => void,
): AsyncGenerator<SourceRow> {
  const csv = new CsvTable(file, problems);
  const stream = fs.createReadStream(file.path);
  if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
  try {
    for await (const record of stream.pipe(parse(CSV_OPTIONS)) as AsyncIterable<string[]>) {
      const row = csv.record(record);
      if (row) yield row;
    }
  } catch (e) {
    csv.failed(e);
  }
  csv.finish();
}

/** Rows of one CSV, read at once (small packages, such as the demo, loaded at start-up). */
export function readCsvSync(file: TabularFile, problems: ImportProblem[]): SourceRow[] {
  const csv = new CsvTable(file, problems);
  const rows: SourceRow[] = [];
  try {
    const records: string[][] = parseSync(fs.readFileSync(file.path), CSV_OPTIONS);
    for (const record of records) {
      const row = csv.record(record);
      if (row) rows.push(row);
    }
  } catch (e) {
    csv.failed(e);
  }
  csv.finish();
  return rows;
}
