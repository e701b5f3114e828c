/**
 * Online backups and restores of the one database file.
 *
 * A backup is taken through a second connection with SQLite's backup API while Haven keeps
 * serving: WAL mode lets it read a consistent snapshot while turns go on being written. All
 * pages are copied in one step, so the copy is one snapshot and is never restarted by a
 * concurrent write. The copy is checked (`PRAGMA integrity_check`) and switched out of WAL
 * mode, so it is one self-contained file, owner-only like the database.
 *
 * The pseudonym secret is deliberately not in the backup: with it, anyone holding the backup
 * could check whether a known Telegram account talked to Haven. Keep it separately.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, DATABASE_FILE } from '../store/database';

export interface DatabaseSummary {
  file: string;
  bytes: number;
  /** rows per table, for the operator to compare with what they expect */
  tables: Record<string, number>;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Copy the live database in `dataDir` to `target` (a new file). */
export async function backupDatabase(dataDir: string, target: string, o: { force?: boolean } = {}): Promise<DatabaseSummary> {
  const source = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}: is HAVEN_DATA_DIR right?`);
  if (fs.existsSync(target) && !o.force) throw new BackupError(`${target} exists; choose a new file name (or --force to replace it)`);
  // Backups hold what people agreed to keep: their folder is the owner's alone, like the data folder.
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // After the first step (which only sizes the job), copy every remaining page at once.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    db.close();
  }
  try {
    fs.chmodSync(partial, 0o600);
    const summary = checkedSummary(partial, { selfContained: true });
    fs.renameSync(partial, target);
    return { ...summary, file: target };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/**
 * Put a backup in place as the database of `dataDir`. Haven must be stopped. An existing
 * database is kept beside it as `haven.sqlite.before-restore-<time>` (only with `force`).
 */
export function restoreDatabase(backup: string, dataDir: string, o: { force?: boolean; now?: number } = {}): DatabaseSummary & { replaced: string | null } {
  if (!fs.existsSync(backup)) throw new BackupError(`no such file: ${backup}`);
  checkedSummary(backup, { selfContained: false });
  const target = path.join(dataDir, DATABASE_FILE);
  let replaced: string | null = null;
  if (fs.existsSync(target)) {
    if (!o.force) throw new BackupError(`${target} exists; stop Haven and run again with --force to replace it (the old file is kept beside it)`);
    replaced = `${target}.before-restore-${new Date(o.now ?? Date.now()).toISOString().replace(/[:.]/g, '-')}`;
    // Fold the old database's WAL into it first, so the file kept aside is complete on its own.
    const old = new Database(target, { fileMustExist: true });
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    fs.renameSync(target, replaced);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  fs.copyFileSync(backup, partial);
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, target);
  return { ...checkedSummary(target, { selfContained: false }), file: target, replaced };
}

/** Integrity check and row counts; throws BackupError if the file is not a sound Haven database. */
function checkedSummary(file: string, o: { selfContained: boolean }): DatabaseSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    throw new BackupError(`${file} cannot be opened as a database: ${(e as Error).message}`);
  }
  try {
    let result: unknown;
    try {
      result = db.pragma('integrity_check', { simple: true });
    } catch (e) {
      throw new BackupError(`${file} is not a sound database: ${(e as Error).message}`);
    }
    if (result !== 'ok') throw new BackupError(`${file} failed the integrity check: ${String(result)}`);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    if (!tables.includes('schema_migrations')) throw new BackupError(`${file} is not a Haven database (no schema_migrations table)`);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number;
    if (o.selfContained) db.pragma('journal_mode = DELETE');
    return { file, bytes: fs.statSync(file).size, tables: counts };
  } finally {
    db.close();
  }
}
