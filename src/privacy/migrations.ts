/** Tables that exist only because a user consented, and the ledger of those consents. */
import type { Migration } from '../store/migrations';

export const privacyMigrations: Migration[] = [
  {
    name: 'privacy-001-consents',
    sql: `
      CREATE TABLE consents (
        key        TEXT NOT NULL,      -- HMAC pseudonym of the user (never a raw id)
        purpose    TEXT NOT NULL,      -- save_progress | handoff | follow_up
        version    TEXT NOT NULL,      -- hash of the exact wording shown
        lang       TEXT NOT NULL,      -- language the wording was shown in
        granted_at INTEGER NOT NULL,   -- ms since epoch
        expires_at INTEGER NOT NULL,   -- after this the consent and what it allowed are removed
        revoked_at INTEGER,            -- set when withdrawn; what it allowed is erased at once
        PRIMARY KEY (key, purpose)
      ) WITHOUT ROWID;
      CREATE INDEX consents_expires_at ON consents (expires_at);

      CREATE TABLE saved_progress (
        key        TEXT PRIMARY KEY,   -- HMAC pseudonym
        data       TEXT NOT NULL,      -- JSON: language, track, lessons finished (coarse answers only)
        updated_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX saved_progress_expires_at ON saved_progress (expires_at);

      CREATE TABLE follow_ups (
        key        TEXT PRIMARY KEY,   -- HMAC pseudonym
        channel    TEXT NOT NULL,      -- telegram | webchat | botframework
        address    TEXT NOT NULL,      -- what the channel needs to write first (kept only with consent)
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX follow_ups_expires_at ON follow_ups (expires_at);
    `,
  },
];
