/**
 * `haven export hsds DIR`: the whole directory as an HSDS Tabular Data Package (one CSV per
 * table and `datapackage.json`), which `haven import hsds DIR` reads back to the same data.
 * This is the deployer's own copy, so confidential addresses are kept, and marked by the
 * `haven_confidential_address` column: handle the folder as the sensitive file it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../store/database';
import { DirectoryStore } from '../store';
import { describePackage } from './datapackage';
import { TABLES, type ColumnSpec, type TableName } from './tables';

/** Rows written per CSV chunk, so a large table never sits in memory as one string. */
const CHUNK = 5000;

export interface ExportResult {
  dir: string;
  rows: Record<TableName, number>;
  confidentialLocations: number;
}

function cell(c: ColumnSpec, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (c.type === 'boolean') return v === 1 || v === true ? 'true' : 'false';
  return String(v);
}

export function exportHsds(db: Db, dir: string): ExportResult {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const store = new DirectoryStore(db);
  const rows = {} as Record<TableName, number>;
  for (const t of TABLES) {
    const file = path.join(dir, `${t.name}.csv`);
    const fd = fs.openSync(file, 'w', 0o600);
    try {
      fs.writeSync(fd, stringify([t.columns.map((c) => c.name)]));
      let chunk: string[][] = [];
      let n = 0;
      for (const row of store.rows(t)) {
        chunk.push(t.columns.map((c) => cell(c, row[c.name])));
        n++;
        if (chunk.length >= CHUNK) {
          fs.writeSync(fd, stringify(chunk));
          chunk = [];
        }
      }
      if (chunk.length) fs.writeSync(fd, stringify(chunk));
      rows[t.name] = n;
    } finally {
      fs.closeSync(fd);
    }
  }
  const descriptor = describePackage(path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-') || 'haven-directory', TABLES.map((t) => t.name));
  fs.writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify(descriptor, null, 2) + '\n', { mode: 0o600 });
  const confidentialLocations = db.prepare('SELECT count(*) FROM dir_location WHERE haven_confidential_address = 1').pluck().get() as number;
  return { dir, rows, confidentialLocations };
}
