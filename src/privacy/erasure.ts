/**
 * Everything Haven stores about a user is keyed by their pseudonym. Each module registers its
 * tables here; "delete my data" erases all of them in one transaction, and the retention
 * sweeper removes expired rows from the same list. A test checks that every table with a
 * pseudonym column is registered, so a new table cannot be forgotten.
 */
import type { ConsentPurpose } from '../engine/types';
import type { Db } from '../store/database';

export interface PersonalTable {
  table: string;
  /** the column holding the pseudonym */
  keyColumn: string;
  /** the column holding the expiry time (ms since epoch), swept by retention */
  expiresColumn: string | null;
  /** what a person is told this table holds, as an i18n key in the `privacy` namespace */
  describes: string;
  /** the consent that allows this table's rows; withdrawing it erases them (null: no consent needed) */
  allowedBy: ConsentPurpose | null;
}

/** Every table that holds data tied to a pseudonym. Append a module's tables here. */
export const personalTables: PersonalTable[] = [
  { table: 'sessions', keyColumn: 'key', expiresColumn: 'expires_at', describes: 'kept_session', allowedBy: null },
  { table: 'consents', keyColumn: 'key', expiresColumn: 'expires_at', describes: 'kept_consent', allowedBy: null },
  { table: 'saved_progress', keyColumn: 'key', expiresColumn: 'expires_at', describes: 'kept_progress', allowedBy: 'save_progress' },
  { table: 'follow_ups', keyColumn: 'key', expiresColumn: 'expires_at', describes: 'kept_follow_up', allowedBy: 'follow_up' },
  { table: 'handoffs', keyColumn: 'key', expiresColumn: 'expires_at', describes: 'kept_handoff', allowedBy: 'handoff' },
  { table: 'handoff_messages', keyColumn: 'key', expiresColumn: 'expires_at', describes: 'kept_handoff_messages', allowedBy: 'handoff' },
  // Telegram sweeps these itself after 48 hours (its limit for deleting messages).
  { table: 'telegram_recent_messages', keyColumn: 'key', expiresColumn: null, describes: 'kept_telegram_messages', allowedBy: null },
];

/** Tables that exist in this database (a module's migrations may not have run in a test). */
function present(db: Db): PersonalTable[] {
  const names = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return personalTables.filter((t) => names.has(t.table));
}

export class Eraser {
  private readonly tables: PersonalTable[];
  private readonly eraseAll: (key: string) => number;

  constructor(private readonly db: Db) {
    this.tables = present(db);
    const statements = this.tables.map((t) => db.prepare(`DELETE FROM ${t.table} WHERE ${t.keyColumn} = ?`));
    this.eraseAll = db.transaction((key: string) => statements.reduce((n, s) => n + s.run(key).changes, 0));
  }

  /** Erase every row tied to `key`, in every table, in one transaction. Returns rows removed. */
  erase(key: string): number {
    return this.eraseAll(key);
  }

  /** Erase `key`'s rows from one registered table (what a withdrawn consent allowed). */
  eraseTable(table: string, key: string): void {
    const t = this.tables.find((x) => x.table === table);
    if (t) this.db.prepare(`DELETE FROM ${t.table} WHERE ${t.keyColumn} = ?`).run(key);
  }

  /** What is stored for `key`: table, rows, and the i18n key that describes it. */
  inventory(key: string): { table: string; rows: number; describes: string }[] {
    return this.tables.map((t) => ({
      table: t.table,
      rows: this.db.prepare(`SELECT count(*) FROM ${t.table} WHERE ${t.keyColumn} = ?`).pluck().get(key) as number,
      describes: t.describes,
    }));
  }

  /** Remove expired rows from every table with an expiry. Returns rows removed. */
  sweep(now: number): number {
    let removed = 0;
    for (const t of this.tables) {
      if (!t.expiresColumn) continue;
      removed += this.db.prepare(`DELETE FROM ${t.table} WHERE ${t.expiresColumn} <= ?`).run(now).changes;
    }
    return removed;
  }
}
