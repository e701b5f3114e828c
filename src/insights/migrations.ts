/** Daily counters for programme teams: no key, no text, nothing that points at a person. */
import type { Migration } from '../store/migrations';

export const insightsMigrations: Migration[] = [
  {
    name: 'insights-001-daily',
    sql: `
      CREATE TABLE insights_daily (
        day    TEXT NOT NULL,            -- UTC date, YYYY-MM-DD
        metric TEXT NOT NULL,            -- flow_started, quiz_right, help_searched ...
        dim1   TEXT NOT NULL DEFAULT '', -- a flow, category, language ... (never free text)
        dim2   TEXT NOT NULL DEFAULT '', -- a node, country, urgency ...
        count  INTEGER NOT NULL,
        PRIMARY KEY (day, metric, dim1, dim2)
      ) WITHOUT ROWID;
    `,
  },
];
