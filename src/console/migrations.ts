/**
 * The console's tables: caseworker accounts, their signed-in sessions, the audit log and the
 * quick replies. None holds anything about the people asking for help: the audit log names
 * handoffs by their opaque id, never by what was said.
 */
import type { Migration } from '../store/migrations';

export const consoleMigrations: Migration[] = [
  {
    name: 'console-001-tables',
    sql: `
      CREATE TABLE caseworkers (
        id                  TEXT PRIMARY KEY,           -- random, never reused
        username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
        first_name          TEXT NOT NULL,              -- told to the person at handoff
        role                TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor')),
        role_title          TEXT NOT NULL,              -- e.g. "social worker", told to the person
        password_hash       TEXT NOT NULL,              -- scrypt$N$r$p$salt$hash (base64url)
        failed_attempts     INTEGER NOT NULL DEFAULT 0, -- wrong passwords in a row
        locked_until        INTEGER,                    -- ms since epoch; sign-in refused until then
        disabled_at         INTEGER,                    -- set when the account is disabled
        created_at          INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL,
        last_sign_in_at     INTEGER
      );

      CREATE TABLE console_sessions (
        token_hash    TEXT PRIMARY KEY,                 -- SHA-256 of the cookie's token (the token itself is never stored)
        caseworker_id TEXT NOT NULL REFERENCES caseworkers (id) ON DELETE CASCADE,
        csrf_token    TEXT NOT NULL,                    -- sent back in X-CSRF-Token on every API request
        created_at    INTEGER NOT NULL,
        last_seen_at  INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL                  -- the earlier of idle and absolute expiry
      ) WITHOUT ROWID;
      CREATE INDEX console_sessions_expires_at ON console_sessions (expires_at);
      CREATE INDEX console_sessions_caseworker ON console_sessions (caseworker_id);

      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        at         INTEGER NOT NULL,                    -- ms since epoch
        actor_id   TEXT,                                -- caseworker id; null for the system or an unknown username
        actor      TEXT NOT NULL,                       -- username at the time, "system" or "(unknown)"
        action     TEXT NOT NULL,                       -- sign_in, open, read, write, close, account_create...
        handoff_id TEXT,                                -- the handoff acted on (opaque id)
        subject_id TEXT,                                -- the account an account change is about
        detail     TEXT                                 -- outcome, referral, lock: never message text
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_handoff ON audit_log (handoff_id);

      CREATE TABLE quick_replies (
        id         INTEGER PRIMARY KEY,
        lang       TEXT NOT NULL,                       -- the language the reply is written in
        title      TEXT NOT NULL,                       -- short name shown on the button
        body       TEXT NOT NULL,                       -- the text put in the message box
        position   INTEGER NOT NULL DEFAULT 0,          -- order within a language
        updated_by TEXT,                                -- caseworker id of the last editor; null when seeded
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX quick_replies_lang ON quick_replies (lang, position);
    `,
  },
];
