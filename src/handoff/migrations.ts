/** Handoff tables. Summaries and transcripts are stored only under the `handoff` consent. */
import type { Migration } from '../store/migrations';

export const handoffMigrations: Migration[] = [
  {
    name: 'handoff-001-tables',
    sql: `
      CREATE TABLE handoffs (
        id            TEXT PRIMARY KEY,  -- random id, shown to caseworkers
        key           TEXT NOT NULL,     -- HMAC pseudonym of the person
        status        TEXT NOT NULL,     -- waiting | active | closed
        urgent        INTEGER NOT NULL,  -- 1 when it came from the emergency path
        lang          TEXT NOT NULL,
        channel       TEXT NOT NULL,     -- webchat | telegram | botframework | terminal
        address       TEXT,              -- what the channel needs to relay messages; NULL once closed
        stored        INTEGER NOT NULL,  -- 1 with the handoff consent: summary and transcript kept
        summary       TEXT,              -- JSON summary the person chose to share; NULL without consent
        caseworker_id TEXT,
        created_at    INTEGER NOT NULL,
        accepted_at   INTEGER,
        closed_at     INTEGER,
        outcome       TEXT,              -- advice_given | referred | emergency_services | no_response | person_left
        referred_to   TEXT,              -- the named service a person was referred to
        expires_at    INTEGER NOT NULL
      );
      CREATE INDEX handoffs_key ON handoffs (key);
      CREATE INDEX handoffs_status ON handoffs (status, urgent, created_at);
      CREATE INDEX handoffs_expires_at ON handoffs (expires_at);

      CREATE TABLE handoff_messages (
        id         INTEGER PRIMARY KEY,
        handoff_id TEXT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
        key        TEXT NOT NULL,        -- HMAC pseudonym of the person
        sender     TEXT NOT NULL,        -- person | caseworker | system
        text       TEXT NOT NULL,
        at         INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX handoff_messages_handoff ON handoff_messages (handoff_id, id);
      CREATE INDEX handoff_messages_key ON handoff_messages (key);
      CREATE INDEX handoff_messages_expires_at ON handoff_messages (expires_at);
    `,
  },
];
