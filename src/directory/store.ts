/**
 * The directory's HSDS tables in SQLite: upsert by id, read back whole tables (export), and
 * count. Searching lives in `search/`; this file only stores.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import { TABLES, type Row, type TableName, type TableSpec } from './hsds/tables';

export class DirectoryStore {
  private readonly upserts = new Map<TableName, Statement<unknown[]>>();

  constructor(readonly db: Db) {}

  /** Insert or replace (by id) every row given; the caller runs this inside a transaction. */
  upsert(table: TableSpec, rows: Iterable<Row>): number {
    let stmt = this.upserts.get(table.name);
    if (!stmt) {
      const names = table.columns.map((c) => c.name);
      const updates = names.filter((n) => n !== 'id').map((n) => `${n} = excluded.${n}`);
      stmt = this.db.prepare(
        `INSERT INTO ${table.sql} (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
      );
      this.upserts.set(table.name, stmt);
    }
    let n = 0;
    for (const row of rows) {
      const values: Record<string, unknown> = {};
      for (const c of table.columns) values[c.name] = row[c.name] ?? null;
      stmt.run(values);
      n++;
    }
    return n;
  }

  /** Every row of a table, ordered by id, with the HSDS columns only. */
  *rows(table: TableSpec): IterableIterator<Row> {
    const names = table.columns.map((c) => c.name);
    yield* this.db.prepare<[], Row>(`SELECT ${names.join(', ')} FROM ${table.sql} ORDER BY id`).iterate();
  }

  count(table: TableSpec): number {
    return this.db.prepare(`SELECT count(*) FROM ${table.sql}`).pluck().get() as number;
  }

  counts(): Record<TableName, number> {
    return Object.fromEntries(TABLES.map((t) => [t.name, this.count(t)])) as Record<TableName, number>;
  }

  isEmpty(): boolean {
    return TABLES.every((t) => this.db.prepare(`SELECT 1 FROM ${t.sql} LIMIT 1`).get() === undefined);
  }
}
