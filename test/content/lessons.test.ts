/**
 * Every red-flag lesson, in every track and every language, walked through the real engine
 * and session store: the track's intro and scenarios, feedback for each answer, the score
 * (plural forms and all), 2 or 3 tips, where to get help, and the way back to the topic list.
 * Once answering everything right, once answering everything wrong.
 */
import { AUDIENCE_OF_TRACK, choicesOf, flow, LANGS, lessonFlows, text, TRACKS, User, type Track } from './driver';
import { LAST_RESORT_TEXT } from '../../src/engine/messages';
import type { Output } from '../../src/engine/types';

interface Scenario {
  node: string;
  right: string; // choice id of the right answer
  wrong: string;
}

/** The scenarios of a track, in order, read from the flow (c1.. for children, q1.. otherwise). */
function scenarios(flowId: string, track: Track): Scenario[] {
  const nodes = flow(flowId).nodes;
  const prefix = track === 'child' ? 'c' : 'q';
  const out: Scenario[] = [];
  for (let i = 1; nodes[`${prefix}${i}`]; i++) {
    const choices = choicesOf(nodes[`${prefix}${i}`]);
    const right = choices.find((c) => c.add?.['score'] === 1)!;
    const wrong = choices.find((c) => c !== right)!;
    out.push({ node: `${prefix}${i}`, right: right.id, wrong: wrong.id });
  }
  return out;
}

const HELP_CHOICES = ['more', 'find_help', 'person', 'menu'];

function expectText(o: Output | undefined, lang: string, key: string, values?: Record<string, unknown>): void {
  expect(o).toBeDefined();
  expect(o!.text).toBe(text(lang, key, values));
}

const cases = lessonFlows().flatMap((l) => TRACKS.flatMap((track) => LANGS.map((lang) => [l.flow, track, lang, l.choice] as const)));

test('the topic list offers the eight lessons', () => {
  expect(lessonFlows().map((l) => l.flow)).toEqual([
    'lesson_offers',
    'lesson_control',
    'lesson_online',
    'lesson_boyfriend',
    'lesson_forced_crime',
    'lesson_marriage',
    'lesson_migration',
    'lesson_friend',
  ]);
});

describe.each(cases)('%s, %s track, in %s', (flowId, track, lang, choice) => {
  const list = scenarios(flowId, track);

  test('has 3 to 5 scenarios', () => {
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.length).toBeLessThanOrEqual(5);
  });

  test.each([
    ['right', (s: Scenario) => s.right, list.length],
    ['wrong', (s: Scenario) => s.wrong, 0],
  ] as const)('answering every scenario %s: feedback, score, tips, help, and back to the topics', (kind, answer, score) => {
    const u = User.onboarded(lang, AUDIENCE_OF_TRACK[track]);
    u.choose('learn');
    expect(u.at()).toBe('lessons/list');
    const opened = u.choose(choice);
    expectText(opened[0], lang, `${flowId}:intro_${track}`);
    expect(opened).toHaveLength(2);

    list.forEach((s, i) => {
      expect(u.at()).toBe(`${flowId}/${s.node}`);
      expectText(u.question(), lang, `${flowId}:${s.node}`);
      expect(u.question()!.choices!.map((c) => c.id)).toEqual(['red_flag', 'ok']);
      const out = u.choose(answer(s));
      expectText(out[0], lang, `${flowId}:${s.node}_${kind}`);
      if (i < list.length - 1) expect(out).toHaveLength(2);
    });

    // feedback, score, tips, then where to get help as the question
    const end = u.last;
    expect(end).toHaveLength(4);
    expectText(end[1], lang, 'common:score', { count: score, score_total: list.length });
    expect(end[1]!.text).toContain(String(list.length));
    expectText(end[2], lang, `${flowId}:tips_${track}`);
    const bullets = end[2]!.text!.split('\n').filter((l) => l.startsWith('•'));
    expect(bullets.length).toBeGreaterThanOrEqual(2);
    expect(bullets.length).toBeLessThanOrEqual(3);
    expectText(end[3], lang, `${flowId}:help_${track}`);
    const ids = end[3]!.choices!.map((c) => c.id);
    expect(ids.slice(-HELP_CHOICES.length)).toEqual(HELP_CHOICES);

    // a finished lesson is marked, for saved progress (kept only under the save_progress consent)
    expect(u.vars[`done_${flowId}`]).toBe(true);

    for (const o of u.all) {
      expect(o.dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      if (o.kind !== 'event') expect([LAST_RESORT_TEXT, text(lang, 'engine:missing_text')]).not.toContain(o.text);
    }

    u.choose('more');
    expect(u.at()).toBe('lessons/again');
    u.choose('menu');
    expect(u.at()).toBe('menu/main');
  });
});

describe('the child track puts a trusted adult first', () => {
  test.each(lessonFlows().map((l) => l.flow))('%s', (flowId) => {
    expect(text('en', `${flowId}:help_child`)).toMatch(/trusted adult/);
    expect(text('en', `${flowId}:tips_child`)).toMatch(/trusted adult|family/);
  });
});

describe('the adult track says what to watch for and how to talk', () => {
  test.each(lessonFlows().map((l) => l.flow))('%s', (flowId) => {
    const tips = text('en', `${flowId}:tips_adult`);
    expect(tips).toMatch(/Watch for|Keep your children/);
    expect(tips).toMatch(/\b(ask|listen|tell|say)\b/i);
  });
});
