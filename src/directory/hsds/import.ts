/**
 * `haven import hsds`: read a package (tabular or JSON), validate everything, and only then
 * write it, upserting by id in one transaction together with the search index. A package with
 * any error changes nothing; importing the same package twice changes nothing the second time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/database';
import { rebuildSearchIndex } from '../search/index-builder';
import { DirectoryStore } from '../store';
import { silentProgress, type Progress } from './progress';
import { ImportError, type ImportProblem } from './problems';
import { readJson } from './read-json';
import { packageFiles, readCsv, readCsvSync } from './read-tabular';
import { TABLES, type TableName } from './tables';
import { PackageRows } from './validate';

export interface ImportResult {
  ok: boolean;
  problems: ImportProblem[];
  /** rows in the package, by table (written only when ok) */
  rows: Record<TableName, number>;
  /** entries in the search index after the import */
  indexed: number;
}

export type InputKind = 'tabular' | 'json';

/** A folder (or its datapackage.json) is a tabular package; a .json file is HSDS JSON. */
export function inputKind(input: string): { kind: InputKind; path: string } {
  if (!fs.existsSync(input)) throw new ImportError(input, 'no such file or folder');
  if (fs.statSync(input).isDirectory()) return { kind: 'tabular', path: input };
  if (path.basename(input) === 'datapackage.json') return { kind: 'tabular', path: path.dirname(input) };
  if (input.endsWith('.json')) return { kind: 'json', path: input };
  throw new ImportError(input, 'expected a package folder (CSV files and datapackage.json) or an HSDS .json file');
}

/** Bytes the import will read (to decide whether a progress report is worth showing). */
export function inputSize(input: string): number {
  const { kind, path: p } = inputKind(input);
  if (kind === 'json') return fs.statSync(p).size;
  return fs.readdirSync(p).reduce((sum, f) => sum + (f.endsWith('.csv') ? fs.statSync(path.join(p, f)).size : 0), 0);
}

export interface ImportOptions {
  progress?: Progress;
  /** validate only: write nothing */
  dryRun?: boolean;
}

export async function importHsds(db: Db, input: string, o: ImportOptions = {}): Promise<ImportResult> {
  const progress = o.progress ?? silentProgress;
  const { kind, path: p } = inputKind(input);
  const pkg = new PackageRows();
  if (kind === 'tabular') {
    const files = packageFiles(p, pkg.problems);
    progress.start(files.reduce((s, f) => s + f.bytes, 0), `reading ${path.basename(path.resolve(p))}`);
    for (const file of files) {
      for await (const row of readCsv(file, pkg.problems, (n) => progress.advance(n))) pkg.add(row);
    }
    progress.done();
  } else {
    const rows = readJson(p);
    progress.start(rows.length, `reading ${path.basename(p)}`);
    for (const row of rows) {
      pkg.add(row);
      progress.advance(1);
    }
    progress.done();
  }
  return commit(db, pkg, o.dryRun ?? false);
}

/** The same import, synchronous, for small packages read at start-up (the demo directory). */
export function importHsdsSync(db: Db, input: string): ImportResult {
  const { kind, path: p } = inputKind(input);
  const pkg = new PackageRows();
  if (kind === 'tabular') {
    for (const file of packageFiles(p, pkg.problems)) for (const row of readCsvSync(file, pkg.problems)) pkg.add(row);
  } else {
    for (const row of readJson(p)) pkg.add(row);
  }
  return commit(db, pkg, false);
}

/** Check references, then write everything and rebuild the index in one transaction, or nothing. */
function commit(db: Db, pkg: PackageRows, dryRun: boolean): ImportResult {
  pkg.checkReferences(db);
  const counts = Object.fromEntries(TABLES.map((t) => [t.name, pkg.rows.get(t.name)!.size])) as Record<TableName, number>;
  if (pkg.errors > 0 || dryRun) return { ok: pkg.errors === 0, problems: pkg.problems, rows: counts, indexed: countIndex(db) };
  const store = new DirectoryStore(db);
  const indexed = db.transaction(() => {
    for (const t of TABLES) store.upsert(t, pkg.rows.get(t.name)!.values());
    return rebuildSearchIndex(db);
  })();
  return { ok: true, problems: pkg.problems, rows: counts, indexed };
}

function countIndex(db: Db): number {
  return db.prepare('SELECT count(*) FROM dir_near_detail').pluck().get() as number;
}
