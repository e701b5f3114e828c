/**
 * Sessions in a real SQLite file: saved by opaque key, expiring after inactivity, swept, robust
 * to a corrupted row, and never holding the user's free text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Conversations } from '../../src/conversation/conversations';
import { DATABASE_FILE, openDatabase } from '../../src/store/database';
import { SqliteSessions } from '../../src/store/sessions';
import { buildEngine } from '../support/content-builder';
import { TestClock } from '../support/haven';
import { SAMPLE } from '../support/sample-content';
import { tempDir } from '../support/tmp';

const engine = buildEngine(SAMPLE);

function setup(ttlMs = 30 * 60_000) {
  const dir = tempDir();
  const db = openDatabase(dir);
  const clock = new TestClock();
  const sessions = new SqliteSessions(db);
  const conversations = new Conversations({ engine, sessions, clock, ttlMs });
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
  conversations.turn('k1', { type: 'start', langHint: 'ar' });
  const picked = conversations.turn('k1', { type: 'choice', id: 'apple' });
  expect(picked.state.stack.at(-1)).toEqual({ f: 'main', n: 'age' });
  clock.advance(29 * 60_000);
  const resumed = conversations.turn('k1', { type: 'text', text: '15' });
  expect(resumed.outputs[0]).toMatchObject({ node: 'nickname', lang: 'ar' });
  clock.advance(31 * 60_000);
  const after = conversations.turn('k1', { type: 'text', text: 'hi' });
  // A new session: starts at the beginning, in the default language.
  expect(after.outputs[0]).toMatchObject({ node: 'fruit', lang: 'en' });
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

test('turns are group-committed: queued writes are visible to the next turn and on disk once committed', async () => {
  const { db, conversations } = setup();
  conversations.turn('g1', { type: 'start' });
  conversations.turn('g2', { type: 'start' });
  const rows = () => db.prepare('SELECT count(*) FROM sessions').pluck().get();
  expect(rows()).toBe(0);
  expect(conversations.turn('g1', { type: 'choice', id: 'apple' }).outputs[0]!.node).toBe('age');
  await conversations.committed();
  expect(rows()).toBe(2);
});

test('a corrupted or foreign session row starts afresh instead of crashing', () => {
  const { db, conversations, clock } = setup();
  const put = db.prepare('INSERT INTO sessions (key, state, expires_at) VALUES (?, ?, ?)');
  put.run('bad-json', '{not json', clock.now() + 60_000);
  put.run('bad-shape', JSON.stringify({ v: 99, stack: 'x' }), clock.now() + 60_000);
  for (const key of ['bad-json', 'bad-shape']) {
    const r = conversations.turn(key, { type: 'text', text: 'hello' });
    expect(r.outputs[0]!.node).toBe('fruit');
  }
});


test('an erase event deletes the stored session row and its answers', async () => {
  const { db, conversations } = setup();
  conversations.turn('e1', { type: 'start' });
  conversations.turn('e1', { type: 'choice', id: 'banana' });
  conversations.turn('e1', { type: 'text', text: '17' });
  await conversations.committed();
  expect(db.prepare('SELECT state FROM sessions WHERE key = ?').pluck().get('e1')).toMatch(/banana/);
  const r = conversations.turn('e1', { type: 'text', text: 'delete' });
  expect(r.outputs.map((o) => o.event?.type ?? o.text)).toEqual(['erase', 'Erased.']);
  await conversations.committed();
  const row = db.prepare('SELECT state FROM sessions WHERE key = ?').pluck().get('e1') as string | undefined;
  // What may remain is the bare language and position after the confirmation, with no answers.
  expect(row ?? '').not.toMatch(/banana|17/);
});

test('free text never reaches the database file or its WAL', async () => {
  const { dir, db, conversations } = setup();
  const canary = 'canary-free-text-5521';
  conversations.turn('c1', { type: 'start' });
  conversations.turn('c1', { type: 'choice', id: 'banana' });
  conversations.turn('c1', { type: 'text', text: '17' });
  conversations.turn('c1', { type: 'text', text: `my words ${canary}` });
  conversations.turn('c1', { type: 'text', text: `Kraków ${canary}` });
  await conversations.committed();
  for (const f of fs.readdirSync(dir)) {
    expect(fs.readFileSync(path.join(dir, f)).includes(canary)).toBe(false);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  expect(fs.readFileSync(path.join(dir, DATABASE_FILE)).includes(canary)).toBe(false);
});
