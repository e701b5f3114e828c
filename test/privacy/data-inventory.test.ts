/**
 * DATA.md is the inventory a deployer's DPIA relies on: every table and column in the database
 * must be listed there, and nothing listed may be missing from the database. Every table with a
 * pseudonym column must be registered for erasure and retention.
 */
import fs from 'node:fs';
import path from 'node:path';
import { personalTables } from '../../src/privacy/erasure';
import { openDatabase } from '../../src/store/database';

const DATA_MD = fs.readFileSync(path.join(__dirname, '..', '..', 'DATA.md'), 'utf8');
const db = openDatabase(':memory:');

/** Tables SQLite keeps for a virtual table (R*Tree), listed with their parent. */
const SHADOW = /_(node|parent|rowid)$/;

function schema(): Map<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return new Map(
    tables
      .filter((t) => !(SHADOW.test(t) && tables.includes(t.replace(SHADOW, ''))))
      .map((t) => [t, (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name)]),
  );
}

function documented(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of DATA_MD.split('\n')) {
    const m = /^\| `([a-z_]+)` \| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1]!, [...m[2]!.matchAll(/`([a-z_0-9]+)`/g)].map((x) => x[1]!));
  }
  return rows;
}

test('DATA.md lists exactly the tables in the database', () => {
  expect([...documented().keys()].sort()).toEqual([...schema().keys()].sort());
});

test('DATA.md lists exactly the columns of each table', () => {
  const doc = documented();
  for (const [table, columns] of schema()) expect([table, doc.get(table)]).toEqual([table, columns]);
});

test('every table with a pseudonym column is registered for erasure and retention', () => {
  const registered = new Set(personalTables.map((t) => t.table));
  for (const [table, columns] of schema()) {
    if (columns.includes('key')) expect([table, registered.has(table)]).toEqual([table, true]);
  }
  for (const t of personalTables) {
    const columns = schema().get(t.table);
    expect(columns).toBeDefined();
    expect(columns).toContain(t.keyColumn);
    if (t.expiresColumn) expect(columns).toContain(t.expiresColumn);
  }
});

test('the README links DATA.md from its privacy section', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toMatch(/## Privacy[\s\S]*\(DATA\.md\)/);
});
