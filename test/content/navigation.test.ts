/**
 * No dead ends. From the main menu, every answer to every question is tried (breadth first,
 * through the real engine), for every kind of person onboarding knows and for someone who
 * skipped it. Then:
 * - every state reached can get back to the main menu, and the conversation never stops
 *   mid-way with nothing asked;
 * - no turn says more than three messages before asking something (content this issue owns);
 * - from every question, "help me" opens the emergency flow in one step;
 * - every flow of this content is reached from the menu.
 * Other modules' flows (find_help, pick_country, talk_to_person, ...) are stood in for by a flow
 * that ends at once: their own tests cover what happens inside them; here what matters is that
 * the conversation carries on when they return.
 */
import type { Input, Output, SessionState } from '../../src/engine/types';
import { ENGINE_KEYS } from '../../src/engine/messages';
import { createEngine } from '../../src/engine/engine';
import type { Flow } from '../../src/flows/schema';
import { shippedContent, TestClock } from '../support/haven';
import { choicesOf, conditionsOf, text } from './driver';

/** The flows this content owns (find_help, pick_country and others are another module's). */
const OWN = [
  'onboarding', 'menu', 'lessons', 'lesson_offers', 'lesson_control', 'lesson_online', 'lesson_boyfriend',
  'lesson_forced_crime', 'lesson_marriage', 'lesson_migration', 'lesson_friend', 'check', 'emergency',
  'sextortion', 'rights', 'safe_travel', 'helping_friend', 'about', 'language',
];
const MAX_STATES = 100_000;
const MAX_MESSAGES_BEFORE_QUESTION = 3;
/** menu > topic list > lesson > help flow > another module's flow: deeper means calls pile up */
const MAX_STACK = 5;

const content = shippedContent();
const stub = (id: string): Flow => ({ flow: id, title: 'title', start: 'end', nodes: { end: { kind: 'end' } } });
const engine = createEngine({
  app: content.app,
  texts: content.texts,
  flows: new Map([...content.flows].map(([id, f]) => [id, OWN.includes(id) ? f : stub(id)])),
});
const clock = new TestClock();
/**
 * Two states that move through the flows alike count as one, which keeps the search finite:
 * variables no branch reads (scores, signs noted) are left out, and a counter that branches
 * only compare with `gte` is capped at the highest threshold (adding to it cannot change an
 * answer once it is past every threshold).
 */
const CONDITIONS = [...engine.flows.values()].flatMap((f) => Object.values(f.nodes).flatMap(conditionsOf));
const BRANCH_VARS = new Set(CONDITIONS.map((c) => c.var));
const CAPS = new Map<string, number>();
for (const v of BRANCH_VARS) {
  const on = CONDITIONS.filter((c) => c.var === v);
  const gte = on.map((c) => c.gte).filter((x): x is number => x !== undefined);
  if (on.every((c) => Object.keys(c).every((k) => k === 'var' || k === 'gte'))) CAPS.set(v, Math.max(...gte));
}
const canonical = (name: string, value: unknown) => (CAPS.has(name) && typeof value === 'number' ? Math.min(value, CAPS.get(name)!) : value);
const key = (s: SessionState) =>
  JSON.stringify([
    s.lang,
    s.stack,
    Object.entries(s.vars).filter(([v]) => BRANCH_VARS.has(v)).map(([v, x]) => [v, canonical(v, x)]).sort(),
    s.resume,
  ]);
const top = (s: SessionState) => s.stack[s.stack.length - 1];
const atMenu = (s: SessionState) => s.stack.length === 1 && top(s)?.f === 'menu' && top(s)?.n === 'main';

/** Every sensible answer to the question a state waits on. */
function answers(s: SessionState, asked: Output | undefined): Input[] {
  const frame = top(s)!;
  const node = engine.flows.get(frame.f)!.nodes[frame.n]!;
  const own = choicesOf(node);
  const offered = own.length > 0 ? own : (asked?.choices ?? []);
  const choices = offered.map((c): Input => ({ type: 'choice', id: c.id }));
  switch (node.kind) {
    case 'choice':
      // switching language is tested elsewhere; here it would only multiply the same states
      return node['var'] === 'lang' ? [{ type: 'choice', id: s.lang }] : choices;
    case 'input':
      return [{ type: 'text', text: node['validator'] === 'short_text' ? 'a job offer' : '15' }];
    case 'location':
      return [{ type: 'location', point: { lat: 50.06, lon: 19.94 } }, ...choices];
    default:
      return choices.length > 0 ? choices : [{ type: 'text', text: 'a job offer' }];
  }
}

interface Explored {
  states: Map<string, { state: SessionState; asked: Output | undefined; next: string[] }>;
  problems: string[];
  flows: Set<string>;
}

function explore(root: SessionState, asked: Output | undefined): Explored {
  const states: Explored['states'] = new Map([[key(root), { state: root, asked, next: [] }]]);
  const problems: string[] = [];
  const flows = new Set<string>();
  const queue = [key(root)];
  const wrongTexts = new Set([ENGINE_KEYS.somethingWrong, ENGINE_KEYS.missingText].map((k) => text('en', k)));
  while (queue.length > 0) {
    const from = states.get(queue.shift()!)!;
    if (states.size > MAX_STATES) throw new Error(`more than ${MAX_STATES} states: is a counter unbounded?`);
    for (const input of answers(from.state, from.asked)) {
      const { state, outputs } = engine.step(from.state, input, clock);
      const where = `${top(from.state)!.f}/${top(from.state)!.n} + ${JSON.stringify(input)}`;
      for (const o of outputs) flows.add(o.flow);
      if (outputs.some((o) => o.text !== undefined && wrongTexts.has(o.text))) problems.push(`${where}: the engine apologised`);
      if (state.stack.length === 0) {
        problems.push(`${where}: the conversation stopped with nothing asked`);
        continue;
      }
      if (state.stack.length > MAX_STACK) problems.push(`${where}: ${state.stack.length} flows deep (${state.stack.map((f) => f.f).join(' > ')})`);
      const said = outputs.slice(0, -1).filter((o) => o.kind === 'text' && OWN.includes(o.flow));
      if (said.length > MAX_MESSAGES_BEFORE_QUESTION) problems.push(`${where}: ${said.length} messages before the next question`);
      const k = key(state);
      from.next.push(k);
      if (atMenu(state)) continue;
      if (!states.has(k)) {
        states.set(k, { state, asked: outputs[outputs.length - 1], next: [] });
        queue.push(k);
      }
    }
  }
  return { states, problems, flows };
}

/** States from which the main menu cannot be reached. */
function stuck(e: Explored): string[] {
  const reverse = new Map<string, string[]>();
  for (const [k, v] of e.states) for (const n of v.next) (reverse.get(n) ?? reverse.set(n, []).get(n)!).push(k);
  const good = new Set<string>();
  const queue = [...e.states.entries()].filter(([, v]) => v.next.some((n) => !e.states.has(n))).map(([k]) => k);
  // a `next` outside the explored map is the main menu (not expanded)
  for (const k of queue) good.add(k);
  while (queue.length) for (const p of reverse.get(queue.pop()!) ?? []) if (!good.has(p)) (good.add(p), queue.push(p));
  return [...e.states.entries()].filter(([k]) => !good.has(k)).map(([, v]) => `${top(v.state)!.f}/${top(v.state)!.n}`);
}

function atMainMenu(audience: string | null, country?: string): { state: SessionState; asked: Output } {
  let r = engine.step(null, { type: 'start', langHint: 'en' }, clock);
  if (country) r.state.vars['country'] = country; // as pick_country would have left it
  if (audience === null) {
    r = engine.step(r.state, { type: 'command', name: 'menu' }, clock);
  } else {
    r = engine.step(r.state, { type: 'choice', id: 'en' }, clock);
    r = engine.step(r.state, { type: 'choice', id: audience }, clock);
  }
  expect(atMenu(r.state)).toBe(true);
  return { state: r.state, asked: r.outputs[r.outputs.length - 1]! };
}

describe.each([
  ['under_13', undefined],
  ['age_13_17', undefined],
  ['adult', undefined],
  ['parent', undefined],
  ['someone_else', undefined],
  [null, undefined],
  ['age_13_17', 'PL'],
])('from the menu, as %s (country %s)', (audience, country) => {
  const { state, asked } = atMainMenu(audience, country);
  const explored = explore(state, asked);

  test('every path returns to the main menu; nothing is a dead end; no more than three messages in a row', () => {
    expect(explored.problems).toEqual([]);
    expect(stuck(explored)).toEqual([]);
    expect(explored.states.size).toBeGreaterThan(100);
  });

  test('every menu entry leads back to the menu', () => {
    for (const c of asked.choices!) {
      const sub = explore(engine.step(state, { type: 'choice', id: c.id }, clock).state, undefined);
      expect({ entry: c.id, stuck: stuck(sub) }).toEqual({ entry: c.id, stuck: [] });
    }
  });

  test('every flow of this content is reached', () => {
    const missing = OWN.filter((f) => f !== 'onboarding' && !explored.flows.has(f));
    expect(missing).toEqual([]);
  });

  test('from every question, the emergency flow is one message away', () => {
    const positions = new Map<string, SessionState>();
    for (const { state: s } of explored.states.values()) positions.set(`${top(s)!.f}/${top(s)!.n}`, s);
    for (const [where, s] of positions) {
      const said = engine.step(s, { type: 'text', text: 'please help me' }, clock).outputs[0]!;
      expect({ where, flow: said.flow, node: said.node, interrupt: said.interrupt }).toEqual({ where, flow: 'emergency', node: 'call_now', interrupt: 'emergency' });
      const sos = engine.step(s, { type: 'command', name: 'sos' }, clock).outputs[0]!;
      expect({ where, node: sos.node }).toEqual({ where, node: 'call_now' });
    }
  });
});
