/** The one SQLite database (better-sqlite3, WAL mode) and its migrations. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export const DATABASE_FILE = 'haven.sqlite';
/** How long a writer waits for a lock before failing, instead of failing at once. */
export const BUSY_TIMEOUT_MS = 5000;

/** Open (creating if needed) the database in `dataDir`, or in memory for ':memory:'. */
export function openDatabase(dataDir: string | ':memory:', list: readonly Migration[] = migrations): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    file = path.join(dataDir, DATABASE_FILE);
    // Owner-only from the first byte; SQLite gives the -wal and -shm files the same mode.
    fs.closeSync(fs.openSync(file, 'a', 0o600));
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable against a crashed process in WAL mode; only power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  // Deleted data is overwritten, so erased sessions do not linger in free pages.
  db.pragma('secure_delete = ON');
  migrate(db, list);
  return db;
}

/** Apply the migrations not yet applied, each in its own transaction. */
export function migrate(db: Db, list: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const m of list) {
    if (applied.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.name, Date.now());
    })();
  }
}
