/**
 * Sessions in a real SQLite file: saved by opaque key, expiring after inactivity, swept, robust
 * to a corrupted row, and never holding the user's free text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Conversations } from '../../src/conversation/conversations';
import { DATABASE_FILE, openDatabase } from '../../src/store/database';
import { SqliteSessions } from '../../src/store/sessions';
import { shippedEngine, TestClock } from '../support/haven';
import { tempDir } from '../support/tmp';

function setup(ttlMs = 30 * 60_000) {
  const dir = tempDir();
  const db = openDatabase(dir);
  const clock = new TestClock();
  const sessions = new SqliteSessions(db);
  const conversations = new Conversations({ engine: shippedEngine(), sessions, clock, ttlMs });
  return { dir, db, clock, sessions, conversations };
}

test('the database is in WAL mode, owner-only, with secure delete', () => {
  const { dir, db } = setup();
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  expect(fs.statSync(path.join(dir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
});

test('migrations are recorded by name and applied once', () => {
  const { dir, db } = setup();
  const names = db.prepare('SELECT name FROM schema_migrations').pluck().all();
  expect(names).toContain('sessions-001-table');
  db.close();
  const again = openDatabase(dir);
  expect(again.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(names.length);
});

test('a conversation resumes from the database, and is forgotten after the inactivity time', () => {
  const { conversations, clock } = setup(30 * 60_000);
  conversations.turn('k1', { type: 'start', langHint: 'fr' });
  const picked = conversations.turn('k1', { type: 'choice', id: 'fr' });
  expect(picked.state.stack.at(-1)).toEqual({ f: 'onboarding', n: 'who' });
  clock.advance(29 * 60_000);
  expect(conversations.turn('k1', { type: 'text', text: '2' }).outputs[0]!.flow).toBe('onboarding');
  clock.advance(31 * 60_000);
  const after = conversations.turn('k1', { type: 'text', text: '2' });
  // A new session: starts at the beginning, in the default language.
  expect(after.outputs[0]!.node).toBe('pick_language');
});

test('the sweeper removes expired sessions only', () => {
  const { conversations, clock, sessions } = setup(60_000);
  conversations.turn('old', { type: 'start' });
  clock.advance(30_000);
  conversations.turn('new', { type: 'start' });
  clock.advance(40_000);
  expect(sessions.count(clock.now())).toBe(1);
  expect(conversations.sweep()).toBe(1);
  expect(sessions.load('new', clock.now())).not.toBeNull();
});

test('a corrupted or foreign session row starts afresh instead of crashing', () => {
  const { db, conversations, clock } = setup();
  const put = db.prepare('INSERT INTO sessions (key, state, expires_at) VALUES (?, ?, ?)');
  put.run('bad-json', '{not json', clock.now() + 60_000);
  put.run('bad-shape', JSON.stringify({ v: 99, stack: 'x' }), clock.now() + 60_000);
  for (const key of ['bad-json', 'bad-shape']) {
    const r = conversations.turn(key, { type: 'text', text: 'hello' });
    expect(r.outputs[0]!.node).toBe('pick_language');
  }
});

test('an erase event deletes the stored session row', () => {
  const { db, conversations } = setup();
  conversations.turn('e1', { type: 'start' });
  conversations.turn('e1', { type: 'choice', id: 'en' });
  conversations.turn('e1', { type: 'choice', id: 'adult' });
  const r = conversations.turn('e1', { type: 'text', text: 'DELETE' });
  expect(r.outputs.some((o) => o.event?.type === 'erase')).toBe(true);
  const row = db.prepare('SELECT state FROM sessions WHERE key = ?').pluck().get('e1') as string | undefined;
  // At most the bare language and position after the confirmation remain: no answers.
  if (row !== undefined) expect(JSON.parse(row).vars).toEqual({});
});

test('free text never reaches the database file or its WAL', () => {
  const { dir, db, conversations } = setup();
  const canary = 'canary-free-text-5521';
  conversations.turn('c1', { type: 'start' });
  conversations.turn('c1', { type: 'choice', id: 'en' });
  conversations.turn('c1', { type: 'choice', id: 'adult' });
  conversations.turn('c1', { type: 'text', text: 'talk to a person' });
  conversations.turn('c1', { type: 'text', text: '17' });
  conversations.turn('c1', { type: 'text', text: `my words ${canary}` });
  conversations.turn('c1', { type: 'text', text: `more ${canary}` });
  for (const f of fs.readdirSync(dir)) {
    expect(fs.readFileSync(path.join(dir, f)).includes(canary)).toBe(false);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  expect(fs.readFileSync(path.join(dir, DATABASE_FILE)).includes(canary)).toBe(false);
});
