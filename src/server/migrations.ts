/** The server's own table: one row that `/readyz` rewrites to prove the database takes writes. */
import type { Migration } from '../store/migrations';

export const serverMigrations: Migration[] = [
  {
    name: 'server-001-health-probe',
    sql: `
      CREATE TABLE health_probe (
        id         INTEGER PRIMARY KEY CHECK (id = 1),  -- always the one row
        checked_at INTEGER NOT NULL                     -- ms since epoch of the last readiness check
      );
    `,
  },
];
