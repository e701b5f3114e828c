/**
 * The dashboard's figures: suppression under a configurable threshold, totals withheld where
 * subtraction would reveal a small part, shares only from shown counts, hidden rows ordered by
 * code (not by their true size), and labels from the shipped content in the reader's language.
 */
import { contentLabels, shorten } from '../../src/insights/content-labels';
import { buildDashboard, buildDashboardSliced, safeTotal, SLICE_DAYS, type DashboardLabels } from '../../src/insights/dashboard';
import { csvByDay, dailyRows, slicesOf, toCsv } from '../../src/insights/report';
import { openDatabase, type Db } from '../../src/store/database';
import { shippedEngine } from '../support/haven';

const labels: DashboardLabels = { flow: (id) => id.toUpperCase(), node: (_f, n) => `text of ${n}` };
const DAY = '2026-11-22';
let db: Db;

function put(metric: string, dim1: string, dim2: string, count: number, day = DAY): void {
  db.prepare('INSERT INTO insights_daily (day, metric, dim1, dim2, count) VALUES (?, ?, ?, ?, ?)').run(day, metric, dim1, dim2, count);
}

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

test('a total is shown unless the hidden parts of some breakdown add up to a small number', () => {
  const m = (o: Record<string, number>) => new Map(Object.entries(o));
  expect(safeTotal([m({ a: 12, b: 20 })], 10)).toEqual({ count: 32, atLeast: null });
  // one hidden part: the total minus the shown part would be it
  expect(safeTotal([m({ a: 12, b: 3 })], 10)).toEqual({ count: null, atLeast: 12 });
  // hidden parts that together reach the threshold say nothing small
  expect(safeTotal([m({ a: 12, b: 6, c: 5 })], 10)).toEqual({ count: 23, atLeast: null });
  // zeros hide nothing
  expect(safeTotal([m({ a: 12, b: 0, c: 0 })], 10)).toEqual({ count: 12, atLeast: null });
  // a small total is small
  expect(safeTotal([m({ a: 4, b: 3 })], 10)).toEqual({ count: null, atLeast: null });
  // every breakdown shown beside the total is checked
  expect(safeTotal([m({ a: 20 }), m({ x: 18, y: 2 })], 10)).toEqual({ count: null, atLeast: 18 });
});

test('every count under the threshold is null, whichever the threshold', () => {
  put('flow_started', 'lesson_offers', '', 7);
  put('flow_finished', 'lesson_offers', '', 4);
  put('help_searched', 'shelter', 'pl', 7);
  for (const [min, shown] of [[10, null], [7, 7], [5, 7]] as const) {
    const d = buildDashboard(db, { from: DAY, to: DAY }, min, labels);
    expect(d.minCount).toBe(min);
    expect(d.flows[0]).toMatchObject({ flow: 'lesson_offers', label: 'LESSON_OFFERS', started: shown });
    expect(d.help.byCategory).toEqual([{ code: 'shelter', count: shown }]);
    expect(d.totals.flowsStarted.count).toBe(shown);
  }
  // 4 of 7 finished: never shown as a share while 4 is hidden
  expect(buildDashboard(db, { from: DAY, to: DAY }, 5, labels).flows[0]).toMatchObject({ finished: null, finishedShare: null });
  expect(buildDashboard(db, { from: DAY, to: DAY }, 4, labels).flows[0]).toMatchObject({ finished: 4, finishedShare: 4 / 7 });
});

test('hidden rows are listed by code, not by size; shown ones largest first', () => {
  put('help_searched', 'shelter', 'pl', 30);
  put('help_searched', 'health', 'pl', 50);
  put('help_searched', 'legal_aid', 'pl', 9);
  put('help_searched', 'education', 'pl', 1);
  const d = buildDashboard(db, { from: DAY, to: DAY }, 10, labels);
  expect(d.help.byCategory.map((i) => i.code)).toEqual(['health', 'shelter', 'education', 'legal_aid']);
});

test('the drop-off list is capped and says how many steps it left out', () => {
  for (let i = 0; i < 30; i++) put('drop_off', 'lesson_offers', `n${String(i).padStart(2, '0')}`, 10 + i);
  const d = buildDashboard(db, { from: DAY, to: DAY }, 10, labels);
  expect(d.dropOff).toHaveLength(25);
  expect(d.dropOffMore).toBe(5);
  expect(d.dropOff[0]).toEqual({ flow: 'lesson_offers', flowLabel: 'LESSON_OFFERS', node: 'n29', text: 'text of n29', count: 39 });
});

test('an empty period has every day, all hidden, and nothing else', () => {
  const d = buildDashboard(db, { from: '2026-02-27', to: '2026-03-02' }, 10, labels);
  expect(d.daily).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map((day) => ({ day, count: null })));
  expect(d.flows).toEqual([]);
  expect(d.totals.flowsStarted).toEqual({ count: null, atLeast: null });
  expect(d.handoffs.answeredByWait.every((i) => i.count === null)).toBe(true);
});

test('labels come from the shipped flows, in the reader\'s language', () => {
  const engine = shippedEngine();
  const en = contentLabels(engine.flows, engine.texts, 'en');
  const fr = contentLabels(engine.flows, engine.texts, 'fr');
  const title = (lng: string) => engine.texts.render(lng, 'lesson_offers', 'title', undefined);
  expect(en.flow('lesson_offers')).toBe(title('en'));
  expect(fr.flow('lesson_offers')).toBe(title('fr'));
  expect(fr.flow('lesson_offers')).not.toBe(en.flow('lesson_offers'));
  // a scenario: the question's words, shortened
  const q = en.node('lesson_offers', 'c1');
  expect(q).toBeTruthy();
  expect(q!.length).toBeLessThanOrEqual(141);
  // steps without words, and flows that no longer exist
  expect(en.node('lesson_offers', 'track')).toBeNull();
  expect(en.flow('gone_flow')).toBe('gone_flow');
  expect(en.node('gone_flow', 'x')).toBeNull();
  expect(shorten('one two three four', 12)).toBe('one two…');
});

test('read a month (or a day) at a time, the dashboard and the CSV are the same as read in one go', async () => {
  const period = { from: '2026-01-01', to: '2026-04-30' };
  for (const [i, day] of ['2026-01-03', '2026-01-31', '2026-02-01', '2026-03-15', '2026-04-30', '2026-05-01'].entries()) {
    put('flow_started', 'lesson_offers', '', 6 + i, day);
    put('help_searched', 'shelter', i % 2 ? 'pl' : 'de', 4 + i, day);
    put('quiz_wrong', 'lesson_offers', 'c1', 3, day);
  }
  expect(slicesOf(period, SLICE_DAYS).length).toBeGreaterThan(3);
  const whole = buildDashboard(db, period, 10, labels);
  expect(await buildDashboardSliced(db, period, 10, labels)).toEqual(whole);
  // sums across slices are suppressed after adding up, like in one go: 6+7+8+9+10 = 40
  expect(whole.flows[0]?.started).toBe(40);
  expect(whole.quiz[0]).toMatchObject({ right: null, wrong: 15 });
  expect([...csvByDay(db, period, 10)].join('')).toBe(toCsv(dailyRows(db, period, 10)));
  expect(slicesOf({ from: '2026-01-30', to: '2026-02-02' }, 3)).toEqual([{ from: '2026-01-30', to: '2026-02-01' }, { from: '2026-02-02', to: '2026-02-02' }]);
});
