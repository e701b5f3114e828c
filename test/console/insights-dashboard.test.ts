/**
 * The supervisors' dashboard and its CSV through the real console server: counters moved by
 * real conversations and by the insights core appear over the chosen period; every count under
 * HAVEN_INSIGHTS_MIN_COUNT (10 here) leaves the server as "fewer than 10" (null in JSON), in the
 * dashboard and in the CSV; totals that would give a small part away by subtraction are withheld;
 * only supervisors get either; bad periods get 400 and change nothing.
 */
import { startConsoleServer, type ConsoleClient, type ConsoleServer } from './console-harness';

const DAY = 24 * 60 * 60 * 1000;

let s: ConsoleServer;
let boss: ConsoleClient;
let worker: ConsoleClient;
let today: string;

/** Every count-like number in a dashboard's JSON: none may be under the threshold. */
function shownCounts(body: unknown): number[] {
  const found: number[] = [];
  const json = JSON.stringify(body);
  for (const m of json.matchAll(/"(count|right|wrong|started|finished|unanswered|atLeast)":(\d+)/g)) found.push(Number(m[2]));
  return found;
}

beforeAll(async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  await s.addAccount('mira', 'supervisor');
  boss = s.client();
  worker = s.client();
  expect((await boss.signIn('mira')).status).toBe(200);
  expect((await worker.signIn('ana')).status).toBe(200);
  today = new Date(s.clock.now()).toISOString().slice(0, 10);

  // Real conversations: 12 people ask for a person (flow "main" started 12 times, 12 requests in English).
  for (let i = 0; i < 12; i++) s.waitingPerson(`p${i}`);
  // Fewer than 10 of the rest, and more than 10 of some, through the insights core itself.
  const count = s.haven.insights.count.bind(s.haven.insights);
  count('help_searched', 'shelter', 'pl', 12);
  count('help_searched', 'legal_aid', 'de', 3);
  count('interrupt', 'emergency', 'en', 11);
  count('interrupt', 'emergency', 'ar', 2);
  count('interrupt', 'stop', 'en', 14);
  count('quiz_right', 'main', 'who', 30);
  count('quiz_wrong', 'main', 'who', 12);
  count('quiz_right', 'main', 'country', 4);
  count('quiz_wrong', 'main', 'country', 20);
  count('drop_off', 'main', 'country', 15);
  count('drop_off', 'main', 'who', 3);
  count('handoff_answered', 'under_1_min', null, 10);
  count('handoff_answered', '5_to_15_min', null, 1);
  count('handoff_outcome', 'advice_given', null, 10);
  count('handoff_outcome', 'person_left', null, 2);
  count('handoff_unanswered', 'en', null, 2);
});
afterAll(() => s.stop());

test('the dashboard shows the period\'s counts, with every small one withheld', async () => {
  const r = await boss.get('/console/api/insights?lang=en');
  expect(r.status).toBe(200);
  const d: DeskInsights = r.body.insights;
  // the last 30 days by default
  expect(d.to).toBe(today);
  expect(d.daily).toHaveLength(30);
  expect(d.minCount).toBe(10);

  // moved by the real conversations
  expect(d.flows).toContainEqual(expect.objectContaining({ flow: 'main', label: 'Main', started: 12 }));
  expect(d.handoffs.byLanguage).toEqual([{ code: 'en', count: 12 }]);
  expect(d.handoffs.byUrgency).toEqual([{ code: 'normal', count: 12 }]);
  expect(d.totals.handoffsRequested).toEqual({ count: 12, atLeast: null });
  // each of them started "main" and then "person"
  expect(d.daily.at(-1)).toEqual({ day: today, count: 24 });

  // small counts are null ("fewer than 10"), never the number
  // (each of the 12 people was also shown child helplines in Poland)
  expect(d.help.byCategory).toEqual([{ code: 'child_helpline', count: 12 }, { code: 'shelter', count: 12 }, { code: 'legal_aid', count: null }]);
  expect(d.help.byCountry).toEqual([{ code: 'pl', count: 24 }, { code: 'de', count: null }]);
  expect(d.emergenciesByLanguage).toEqual([{ code: 'en', count: 11 }, { code: 'ar', count: null }]);
  expect(d.interrupts).toEqual([{ code: 'stop', count: 14 }]);
  expect(d.handoffs.answeredByWait).toEqual([
    { code: 'under_1_min', count: 10 },
    { code: '1_to_5_min', count: null },
    { code: '5_to_15_min', count: null },
    { code: '15_to_60_min', count: null },
    { code: 'over_60_min', count: null },
  ]);
  expect(d.handoffs.outcomes).toEqual([{ code: 'advice_given', count: 10 }, { code: 'person_left', count: null }]);
  expect(d.handoffs.unanswered).toBeNull();
  // totals that would give a small part away (27 = 12 + 12 + 3) are withheld, but said to be at least the shown parts
  expect(d.totals.helpSearched).toEqual({ count: null, atLeast: 24 });
  expect(d.totals.emergencies).toEqual({ count: null, atLeast: 11 });

  // quiz per scenario, the most missed first; a share only from two shown counts
  expect(d.quiz).toEqual([
    { flow: 'main', flowLabel: 'Main', node: 'who', text: 'Who?', right: 30, wrong: 12, wrongShare: 12 / 42 },
    { flow: 'main', flowLabel: 'Main', node: 'country', text: 'Where?', right: null, wrong: 20, wrongShare: null },
  ]);
  expect(d.dropOff).toEqual([
    { flow: 'main', flowLabel: 'Main', node: 'country', text: 'Where?', count: 15 },
    { flow: 'main', flowLabel: 'Main', node: 'who', text: 'Who?', count: null },
  ]);

  for (const n of shownCounts(d)) expect(n).toBeGreaterThanOrEqual(10);
});

test('the CSV has one row per day and counter, with the same suppression, and its download is audited', async () => {
  const r = await boss.get(`/console/api/insights.csv?from=${today}&to=${today}`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(r.headers.get('content-disposition')).toBe(`attachment; filename="haven-insights-${today}-to-${today}.csv"`);
  expect(r.headers.get('cache-control')).toBe('no-store');
  const lines = String(r.body).trim().split('\n');
  expect(lines[0]).toBe('day,metric,dim1,dim2,count');
  const rows = lines.slice(1).map((l) => l.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1')));
  expect(rows.length).toBeGreaterThan(10);
  for (const row of rows) {
    expect(row[0]).toBe(today);
    const count = row[4]!;
    if (count !== 'fewer than 10') expect(Number(count)).toBeGreaterThanOrEqual(10);
  }
  expect(rows).toContainEqual([today, 'help_searched', 'legal_aid', 'de', 'fewer than 10']);
  expect(rows).toContainEqual([today, 'help_searched', 'shelter', 'pl', '12']);
  expect(rows).toContainEqual([today, 'interrupt', 'emergency', 'ar', 'fewer than 10']);

  // the default period (30 days, written a day at a time): one header, the same rows
  const month = String((await boss.get('/console/api/insights.csv')).body);
  expect(month.split('\n').filter((l) => l.startsWith('day,'))).toHaveLength(1);
  expect(month.endsWith(lines.slice(1).join('\n') + '\n')).toBe(true);

  const audit: DeskAuditEntry[] = (await boss.get('/console/api/audit')).body.entries;
  expect(audit.slice(0, 2)).toMatchObject([
    { actor: 'mira', action: 'insights_export', detail: `${new Date(s.clock.now() - 29 * DAY).toISOString().slice(0, 10)}..${today}` },
    { actor: 'mira', action: 'insights_export', detail: `${today}..${today}` },
  ]);
});

test('the period is chosen: counts outside it are left out', async () => {
  // counted three days later (the clock goes back at once, so the console session stays alive)
  s.haven.insights.flush();
  s.clock.advance(3 * DAY);
  s.haven.insights.count('flow_started', 'main', null, 40);
  s.haven.insights.flush();
  const later = new Date(s.clock.now()).toISOString().slice(0, 10);
  s.clock.advance(-3 * DAY);
  const before = (await boss.get(`/console/api/insights?from=${today}&to=${today}`)).body.insights as DeskInsights;
  expect(before.daily).toEqual([{ day: today, count: 24 }]);
  expect(before.flows.find((f) => f.flow === 'main')?.started).toBe(12);
  const after = (await boss.get(`/console/api/insights?from=${later}&to=${later}`)).body.insights as DeskInsights;
  expect(after.flows).toEqual([{ flow: 'main', label: 'Main', started: 40, finished: null, finishedShare: null }]);
  expect(after.help.byCategory).toEqual([]);
  const both = (await boss.get(`/console/api/insights?from=${today}&to=${later}`)).body.insights as DeskInsights;
  expect(both.daily.map((d) => d.count)).toEqual([24, null, null, 40]);
  expect(both.flows.find((f) => f.flow === 'main')?.started).toBe(52);
  // 64 = 24 + 40 by day, = 52 + 12 by flow; the two empty days hide nothing, so the total is shown
  expect(both.totals.flowsStarted).toEqual({ count: 64, atLeast: null });
});

test('only supervisors get the dashboard or the CSV', async () => {
  expect((await worker.get('/console/api/insights')).status).toBe(403);
  expect((await worker.get('/console/api/insights.csv')).status).toBe(403);
  expect((await worker.get('/console/api/insights')).body.error.code).toBe('forbidden');
  expect((await s.client().get('/console/api/insights.csv')).status).toBe(401);
});

test.each([
  ['from after to', 'from=2026-11-20&to=2026-11-10', 'from: must not be after to'],
  ['a day that does not exist', 'from=2026-02-30&to=2026-03-02', 'from: is not a day of the calendar'],
  ['not a date', 'from=yesterday', 'from: must be a date like 2026-11-22'],
  ['more than a year', 'from=2024-01-01&to=2026-01-01', 'the period must be at most 366 days'],
  ['a language that is not a code', 'lang=<b>', 'lang: must be a language code like en or uk'],
])('a bad period (%s) gets 400 and a clear message, for the dashboard and the CSV', async (_name, query, message) => {
  for (const p of ['/console/api/insights', '/console/api/insights.csv']) {
    const r = await boss.get(`${p}?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ code: 'invalid_request', message });
  }
  expect((await boss.get('/console/api/insights')).status).toBe(200);
});
