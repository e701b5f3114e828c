/**
 * Anonymous insights: counters move with conversations; small counts are suppressed wherever
 * they leave the database; and no key or text ever reaches the counters (a canary scan).
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/haven';
import { openHaven, type Haven } from '../../src/conversation/open';
import type { Input } from '../../src/engine/types';
import { dimension } from '../../src/insights/metrics';
import { dailyRows, suppress, toCsv, totals } from '../../src/insights/report';
import { DEFAULT_APP, writeContent } from '../support/content-builder';
import { HANDOFF_CONTENT } from '../support/handoff-content';
import { TestClock } from '../support/haven';
import { tempDir } from '../support/tmp';

const QUIZ = {
  ...HANDOFF_CONTENT,
  flows: {
    ...HANDOFF_CONTENT.flows,
    menu: `
flow: menu
title: title
start: pick
nodes:
  pick:
    kind: choice
    text: pick
    choices:
      - { id: quiz, label: quiz, next: quiz }
      - { id: person, label: person, next: person }
  quiz: { kind: call, flow: quiz, next: pick }
  person: { kind: goto, flow: person }
`,
    quiz: `
flow: quiz
title: title
start: reset
nodes:
  reset: { kind: set, set: { score: 0 }, next: q1 }
  q1:
    kind: choice
    text: q1
    choices:
      - { id: red, label: red, next: end, add: { score: 1 } }
      - { id: ok, label: ok, next: end }
  end: { kind: end }
`,
  },
  locales: Object.fromEntries(
    Object.entries(HANDOFF_CONTENT.locales).map(([lng, l]) => [
      lng,
      { ...l, menu: { title: 'Menu', pick: 'Menu', quiz: 'Quiz', person: 'Person' }, quiz: { title: 'Quiz', q1: 'Red flag?', red: 'Red flag', ok: 'OK' } },
    ]),
  ),
};
void DEFAULT_APP;

let haven: Haven;
let clock: TestClock;
let dir: string;

beforeEach(() => {
  clock = new TestClock(Date.UTC(2026, 10, 23, 10, 0));
  dir = tempDir();
  haven = openHaven({ dataDir: dir, content: writeContent(QUIZ), clock, demoDirectory: false });
});
afterEach(() => haven.close());

const counts = (metric: string) =>
  Object.fromEntries(
    (haven.db.prepare('SELECT dim1, dim2, count FROM insights_daily WHERE metric = ?').all(metric) as { dim1: string; dim2: string; count: number }[]).map(
      (r) => [`${r.dim1}/${r.dim2}`, r.count],
    ),
  );

function quiz(key: string, answer: 'red' | 'ok', lang = 'en') {
  const t = (i: Input) => haven.conversations.turn(key, i);
  t({ type: 'start', langHint: lang });
  t({ type: 'text', text: 'menu' });
  t({ type: 'choice', id: 'quiz' });
  t({ type: 'choice', id: answer });
}

test('counters move with conversations: flows, nodes, quiz answers, interrupts by language', () => {
  quiz('a', 'red');
  quiz('b', 'ok');
  quiz('c', 'red', 'ar');
  haven.conversations.turn('c', { type: 'text', text: 'help me' });
  haven.insights.flush();
  expect(counts('flow_started')['quiz/']).toBe(3);
  expect(counts('flow_finished')['quiz/']).toBe(3);
  expect(counts('quiz_right')).toEqual({ 'quiz/q1': 2 });
  expect(counts('quiz_wrong')).toEqual({ 'quiz/q1': 1 });
  expect(counts('node_reached')['quiz/q1']).toBe(3);
  expect(counts('interrupt')).toEqual({ 'menu/en': 2, 'menu/ar': 1, 'emergency/ar': 1 });
});

test('handoffs: requested by language and urgency, answered by waiting time, outcomes; drop-off at expiry', async () => {
  const anna = { id: 'a', firstName: 'Anna', role: 'caseworker' as const, roleTitle: 'social worker' };
  haven.handoffs.setOnline('a', true);
  const t = (i: Input) => haven.conversations.turn('h', i, { channel: 'test', address: 'h' });
  haven.delivery.register('test', async () => undefined);
  t({ type: 'start' });
  t({ type: 'choice', id: 'adult' });
  t({ type: 'choice', id: 'pl' });
  t({ type: 'choice', id: 'yes' });
  t({ type: 'choice', id: 'send' });
  t({ type: 'choice', id: 'skip' });
  clock.advance(3 * 60_000);
  const id = haven.handoffs.list(anna)[0]!.id;
  await haven.handoffs.accept(id, anna);
  await haven.handoffs.close(id, anna, 'advice_given');
  // someone who stopped in the middle of the quiz
  haven.conversations.turn('d', { type: 'start' });
  haven.conversations.turn('d', { type: 'text', text: 'menu' });
  haven.conversations.turn('d', { type: 'choice', id: 'quiz' });
  clock.advance(60 * 60_000);
  haven.conversations.sweep();
  haven.insights.flush();
  expect(counts('handoff_requested')).toEqual({ 'en/normal': 1 });
  expect(counts('handoff_answered')).toEqual({ '1_to_5_min/': 1 });
  expect(counts('handoff_outcome')).toEqual({ 'advice_given/': 1 });
  expect(counts('drop_off')).toMatchObject({ 'quiz/q1': 1 });
});

test('small counts are suppressed in totals, daily rows and the CSV export', async () => {
  for (let i = 0; i < 12; i++) quiz(`r${i}`, 'red');
  for (let i = 0; i < 3; i++) quiz(`w${i}`, 'ok');
  haven.insights.flush();
  const day = '2026-11-23';
  const all = totals(haven.db, { from: day, to: day }, 10);
  expect(all.find((r) => r.metric === 'quiz_right')!.count).toBe(12);
  expect(all.find((r) => r.metric === 'quiz_wrong')!.count).toBe('fewer than 10');
  const csv = toCsv(dailyRows(haven.db, { from: day, to: day }, 10));
  expect(csv).toContain('"2026-11-23","quiz_right","quiz","q1",12');
  expect(csv).toContain('"2026-11-23","quiz_wrong","quiz","q1","fewer than 10"');
  expect(csv).not.toMatch(/,3\n/);
  haven.close();

  // the command line export gives the same
  const out = path.join(tempDir(), 'insights.csv');
  expect(await main(['insights', 'export', '--from', day, '--to', day, '--out', out, '--data-dir', dir])).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toBe(csv);
  expect(suppress(9, 10)).toBe('fewer than 10');
  expect(suppress(10, 10)).toBe(10);
});

test('canary scan: no key, no user text and no coordinates reach the counters', () => {
  const canaryKey = 'canary-key-9931';
  const t = (i: Input) => haven.conversations.turn(canaryKey, i, { channel: 'test', address: 'canary-address-4410' });
  t({ type: 'start' });
  t({ type: 'text', text: 'canary-text-2211' });
  t({ type: 'choice', id: 'adult' });
  t({ type: 'text', text: 'canary-text-2212 menu' });
  t({ type: 'location', point: { lat: 50.061389, lon: 19.938333 } });
  t({ type: 'text', text: 'help me canary-text-2213' });
  haven.insights.flush();
  const everything = JSON.stringify(haven.db.prepare('SELECT * FROM insights_daily').all());
  for (const canary of [canaryKey, 'canary-text', 'canary-address', '50.06', '19.93']) expect(everything).not.toContain(canary);
  expect(everything).toContain('emergency');
  // a dimension that is not a code never gets in
  expect(dimension('my name is Olena')).toBe('other');
  expect(dimension('lesson_offers')).toBe('lesson_offers');
});

test('haven flows stats prints per node how many reached it and where people left, suppressed', async () => {
  haven.close();
  const content = writeContent(QUIZ);
  const db = openHaven({ dataDir: dir, content, clock, demoDirectory: false }).db;
  const put = db.prepare('INSERT INTO insights_daily (day, metric, dim1, dim2, count) VALUES (?, ?, ?, ?, ?)');
  const day = new Date().toISOString().slice(0, 10);
  put.run(day, 'flow_started', 'quiz', '', 40);
  put.run(day, 'flow_finished', 'quiz', '', 31);
  put.run(day, 'node_reached', 'quiz', 'q1', 40);
  put.run(day, 'drop_off', 'quiz', 'q1', 9);
  put.run(day, 'quiz_right', 'quiz', 'q1', 25);
  put.run(day, 'quiz_wrong', 'quiz', 'q1', 6);
  db.close();
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const code = await main(['flows', 'stats', 'quiz', '--data-dir', dir, '--flows', content.flowsDir, '--locales', content.localesDir]);
  spy.mockRestore();
  expect(code).toBe(0);
  expect(out).toMatch(/started 40, finished 31/);
  expect(out).toMatch(/^q1 +choice +40 +fewer than 10 +25 \/ fewer than 10$/m);
  expect(out).toMatch(/^reset +set +fewer than 10 +fewer than 10/m);
  haven = openHaven({ dataDir: tempDir(), content, clock, demoDirectory: false });
});
