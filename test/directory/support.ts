/** Shared set-up for the directory tests: temporary folders, the demo package, a database dump. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import os from 'node:os';
import path from 'node:path';
import { TABLES } from '../../src/directory/hsds/tables';
import { demoPackageDir } from '../../src/directory/paths';
import type { Db } from '../../src/store/database';
import type { Texts } from '../../src/engine/texts';
import { defaultContentPaths } from '../../src/flows/content';
import { readLocales } from '../../src/i18n/locales';
import { createTexts } from '../../src/i18n/texts';

export const DEMO_DIR = demoPackageDir();

export function tmpDir(prefix = 'haven-dir-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of the demo package to change in a test. */
export function copyDemo(): string {
  const dir = tmpDir('haven-demo-');
  for (const f of fs.readdirSync(DEMO_DIR)) if (f.endsWith('.csv') || f.endsWith('.json')) fs.copyFileSync(path.join(DEMO_DIR, f), path.join(dir, f));
  return dir;
}

/** Every directory row and the whole search index, in a stable order: equal dumps mean equal directories. */
export function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t.name] = db.prepare(`SELECT ${t.columns.map((c) => c.name).join(', ')} FROM ${t.sql} ORDER BY id`).all();
  out['index'] = db
    .prepare('SELECT s.id AS sal, d.lat, d.lon, d.langs, d.zone, d.hours, d.gender, d.confidential FROM dir_near_detail d JOIN dir_service_at_location s ON s.rid = d.rid ORDER BY s.id')
    .all();
  out['entries'] = db
    .prepare(
      `SELECT s.id AS sal, n.min_cat, n.min_age, n.max_age, l.code FROM dir_near n
         JOIN dir_service_at_location s ON s.rid = n.id / 64 LEFT JOIN dir_near_language l ON l.n = n.min_lang ORDER BY s.id, l.code`,
    )
    .all();
  return out;
}

/** Replace one cell of a CSV file (row as a spreadsheet numbers it: the header is row 1). */
export function setCell(file: string, row: number, column: string, value: string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const i = header.indexOf(column);
  if (i < 0) throw new Error(`no column ${column} in ${file}`);
  const cells = lines[row - 1]!.split(',');
  cells[i] = value;
  lines[row - 1] = cells.join(',');
  fs.writeFileSync(file, lines.join('\n'));
}

/** The shipped words (locales only, without loading flows), for card and hours tests. */
export function shippedTexts(): Texts {
  return createTexts(readLocales(defaultContentPaths().localesDir), ['en', 'fr', 'es', 'ar', 'uk', 'ru']);
}

/** Everything that would reveal where a confidential place is: its street, and its coordinates. */
export function confidentialSecrets(): string[] {
  const read = (f: string): Record<string, string>[] => parse(fs.readFileSync(path.join(DEMO_DIR, f), 'utf8'), { columns: true });
  const hidden = read('location.csv').filter((l) => l['haven_confidential_address'] === 'true');
  if (hidden.length === 0) throw new Error('the demo directory has no confidential place to test with');
  const ids = new Set(hidden.map((l) => l['id']));
  return [
    ...read('address.csv').filter((a) => ids.has(a['location_id'])).map((a) => a['address_1']!),
    ...hidden.flatMap((l) => [l['latitude']!, l['longitude']!, Number(l['latitude']).toFixed(3), Number(l['longitude']).toFixed(3)]),
  ];
}

