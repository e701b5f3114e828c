/**
 * What must hold after Haven was killed with `kill -9` in the middle of a load and started
 * again: the database passes `PRAGMA integrity_check`, every consent that was on disk before
 * the kill is still there, every turn a user got an answer to is on disk, and conversations
 * carry on from where they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openHaven } from '../src/conversation/open';
import { defaultContentPaths } from '../src/flows/content';
import { pseudonym } from '../src/privacy/pseudonym';
import { DATABASE_FILE } from '../src/store/database';
import { SqliteSessions } from '../src/store/sessions';
import type { UserRecord } from './load-client';

export interface ConsentRow {
  key: string;
  purpose: string;
  granted_at: number;
}

/** The consents table as a second connection sees it now (WAL: a consistent read while Haven writes). */
export function snapshotConsents(dataDir: string): ConsentRow[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { fileMustExist: true, readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'consents'").get();
    return exists ? (db.prepare('SELECT key, purpose, granted_at FROM consents WHERE revoked_at IS NULL').all() as ConsentRow[]) : [];
  } finally {
    db.close();
  }
}

export interface CrashReport {
  integrity: string;
  consentsBefore: number;
  consentsMissing: number;
  usersChecked: number;
  /** answered turns whose session is not on disk */
  sessionsMissing: number;
  /** sessions on disk, but older than the last answered turn */
  sessionsStale: number;
}

/** Check the database after the restart (Haven may be running: this only reads). */
export function checkAfterCrash(o: {
  dataDir: string;
  secret: string;
  ttlMs: number;
  users: readonly UserRecord[];
  consentsBefore: readonly ConsentRow[];
}): CrashReport {
  const db = new Database(path.join(o.dataDir, DATABASE_FILE), { fileMustExist: true, readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const hasConsents = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'consents'").get();
    const consent = hasConsents ? db.prepare('SELECT granted_at FROM consents WHERE key = ? AND purpose = ?').pluck() : null;
    const consentsMissing = o.consentsBefore.filter((c) => consent?.get(c.key, c.purpose) !== c.granted_at).length;
    const expiresAt = db.prepare('SELECT expires_at FROM sessions WHERE key = ?').pluck();
    let usersChecked = 0;
    let sessionsMissing = 0;
    let sessionsStale = 0;
    for (const u of o.users) {
      if (!u.token || u.acks === 0) continue;
      usersChecked++;
      const at = expiresAt.get(pseudonym(o.secret, 'webchat', u.token)) as number | undefined;
      if (at === undefined) sessionsMissing++;
      // The turn ran after its request was sent, so its save expires at least a TTL after that.
      else if (at < u.lastAckSentAt + o.ttlMs) sessionsStale++;
    }
    return { integrity, consentsBefore: o.consentsBefore.length, consentsMissing, usersChecked, sessionsMissing, sessionsStale };
  } finally {
    db.close();
  }
}

export interface ResumeReport {
  checked: number;
  resumed: number;
}

/**
 * With Haven stopped: for users whose last answer asked a question with buttons, the stored
 * conversation must stand at that very question (a lost one would start over from the
 * greeting), and pressing one of its buttons must carry the conversation on from there.
 * Users with a message in flight at the kill are left out: that message may have been run and
 * saved without its answer arriving, which moves them one question on, rightly. Only positions
 * at `choice` nodes are compared (their buttons are the node's own).
 */
export function checkResume(o: { dataDir: string; secret: string; users: readonly UserRecord[]; sample: number }): ResumeReport {
  const haven = openHaven({ dataDir: o.dataDir });
  const sessions = new SqliteSessions(haven.db);
  try {
    let checked = 0;
    let resumed = 0;
    for (const u of o.users) {
      if (checked >= o.sample) break;
      const asked = u.lastChoices?.filter((id) => !id.startsWith('__')) ?? [];
      if (!u.token || u.acks === 0 || u.inFlight || u.lastKind !== 'choice' || asked.length === 0) continue;
      const key = pseudonym(o.secret, 'webchat', u.token);
      const here = sessions.load(key, Date.now())?.stack.at(-1);
      const node = here ? haven.engine.flows.get(here.f)?.nodes[here.n] : undefined;
      if (node?.kind !== 'choice') continue;
      checked++;
      const ids = new Set(Array.isArray(node['choices']) ? node['choices'].map((c: { id?: unknown }) => String(c.id)) : []);
      if (!asked.every((id) => ids.has(id))) continue;
      const { outputs } = haven.conversations.turn(key, { type: 'choice', id: asked[0] ?? '' });
      if (outputs.length > 0 && !outputs.some((out) => out.text === haven.engine.texts.render(out.lang, 'engine', 'not_understood', undefined))) resumed++;
    }
    return { checked, resumed };
  } finally {
    haven.close();
  }
}

/** The shipped "slow down" texts (locales/<lng>/limits.json), to tell a refused turn from an answered one. */
export function limitTexts(localesDir = defaultContentPaths().localesDir): string[] {
  return fs
    .readdirSync(localesDir)
    .map((lng) => path.join(localesDir, lng, 'limits.json'))
    .filter((f) => fs.existsSync(f))
    .map((f) => String((JSON.parse(fs.readFileSync(f, 'utf8')) as { too_fast?: string }).too_fast ?? ''));
}
