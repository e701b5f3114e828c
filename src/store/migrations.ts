/**
 * Schema changes, applied in list order at start-up and recorded by name in
 * `schema_migrations`, so each module can add its own without renumbering anyone else's.
 * Append only: a migration that has shipped is never edited; change things with a new one.
 */
import { telegramMigrations } from '../channels/telegram/migrations';
import { consoleMigrations } from '../console/migrations';
import { directoryMigrations } from '../directory/migrations';
import { handoffMigrations } from '../handoff/migrations';
import { insightsMigrations } from '../insights/migrations';
import { privacyMigrations } from '../privacy/migrations';
import { serverMigrations } from '../server/migrations';

export interface Migration {
  /** unique and stable, `<module>-<nnn>-<what>` */
  name: string;
  sql: string;
}

const sessions: Migration[] = [
  {
    name: 'sessions-001-table',
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

/** Every module's migrations, in the order they apply. Add a module's list here. */
export const migrations: Migration[] = [...sessions, ...privacyMigrations, ...handoffMigrations, ...insightsMigrations, ...telegramMigrations, ...directoryMigrations, ...serverMigrations, ...consoleMigrations];
