/**
 * Schema changes, applied in order at start-up and recorded in `PRAGMA user_version`.
 * Append only: a migration that has shipped is never edited.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'sessions',
    sql: `
      CREATE TABLE sessions (
        key        TEXT PRIMARY KEY,   -- opaque key from the channel adapter (a pseudonym, never a raw id)
        state      TEXT NOT NULL,      -- JSON SessionState: flow position, coarse answers, language
        expires_at INTEGER NOT NULL    -- ms since epoch; after this the session is gone
      ) WITHOUT ROWID;
      CREATE INDEX sessions_expires_at ON sessions (expires_at);
    `,
  },
];
