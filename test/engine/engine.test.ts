/**
 * The engine's behaviour, on a small content set built for these tests: choice matching,
 * misses and the menu offer, validators, scratch-only free text, call and return, resume after
 * an emergency, language hints and direction, missing keys, changed flows, and purity.
 */
import { createEngine, MAX_STEPS_PER_TURN, MENU_CHOICE_ID, type Engine } from '../../src/engine/engine';
import type { Input, Output, SessionState } from '../../src/engine/types';
import { loadContent } from '../../src/flows/content';
import { readLocales } from '../../src/i18n/locales';
import { createTexts } from '../../src/i18n/texts';
import { buildEngine, writeContent } from '../support/content-builder';
import { SAMPLE as SPEC } from '../support/sample-content';
import { TestClock } from '../support/haven';

const clock = new TestClock();
let engine: Engine;
beforeAll(() => {
  engine = buildEngine(SPEC);
});

/** Drive a conversation; returns the outputs of each turn and the last state. */
function talk(inputs: Input[], start: SessionState | null = null) {
  let state = start;
  const turns: Output[][] = [];
  for (const input of inputs) {
    const r = engine.step(state, input, clock);
    state = r.state;
    turns.push(r.outputs);
  }
  return { turns, state: state!, last: turns[turns.length - 1]! };
}
const say = (text: string): Input => ({ type: 'text', text });
const pos = (o: Output) => `${o.flow}/${o.node}`;

describe('choices', () => {
  const chosen = (text: string) => talk([{ type: 'start' }, say(text)]).state.vars['fruit'];

  test.each([
    ['2', 'banana'],
    ['٢', 'banana'],
    ['#3', 'french'],
    ['banana', 'banana'],
    ['  BANANA!! ', 'banana'],
    ['francais', 'french'],
    ['Banan', 'banana'],
    ['aplpe', 'apple'],
    ['ok', 'looks_ok'],
  ])('"%s" picks %s', (text, id) => {
    expect(chosen(text)).toBe(id);
  });

  test.each(['9', '0', 'pear', 'a', ''])('"%s" picks nothing and asks again', (text) => {
    const { last, state } = talk([{ type: 'start' }, say(text)]);
    expect(state.vars['fruit']).toBeUndefined();
    if (text === '') return;
    expect(last.map(pos)).toEqual(['main/fruit', 'main/fruit']);
    expect(last[0]!.text).toBe('[en] not_understood');
    expect(last[1]!.kind).toBe('choice');
  });

  test('a button press is taken by id; a stale id is asked again', () => {
    expect(talk([{ type: 'start' }, { type: 'choice', id: 'apple' }]).state.vars['fruit']).toBe('apple');
    const { state, last } = talk([{ type: 'start' }, { type: 'choice', id: 'mango' }]);
    expect(state.stack).toEqual([{ f: 'main', n: 'fruit' }]);
    expect(last[1]!.kind).toBe('choice');
  });

  test('after two misses the menu is offered as a way out, and taking it opens the menu', () => {
    const { turns, state } = talk([{ type: 'start' }, say('pear'), say('plum')]);
    expect(turns[1]!.some((o) => o.choices?.some((c) => c.id === MENU_CHOICE_ID))).toBe(false);
    const second = turns[2]!;
    expect(second.map((o) => o.text)).toEqual(['[en] not_understood', '[en] offer_menu', 'Which fruit?']);
    expect(second[2]!.choices!.map((c) => c.id)).toEqual(['apple', 'banana', 'french', 'looks_ok', MENU_CHOICE_ID]);
    const menu = engine.step(state, { type: 'choice', id: MENU_CHOICE_ID }, clock);
    expect(menu.outputs.map(pos)).toEqual(['menu/pick']);
    expect(menu.state.stack).toEqual([{ f: 'menu', n: 'pick' }]);
  });

  test('unknown input of every kind never ends the conversation', () => {
    const inputs: Input[] = [
      { type: 'start' },
      say('🙂'),
      { type: 'location', point: { lat: 1, lon: 2 } },
      { type: 'command', name: 'unknown' },
      { type: 'choice', id: '' },
      say('x'.repeat(5000)),
    ];
    let state: SessionState | null = null;
    for (const input of inputs) {
      const r = engine.step(state, input, clock);
      expect(r.state.stack.length).toBeGreaterThan(0);
      expect(r.outputs.length).toBeGreaterThan(0);
      state = r.state;
    }
  });
});

describe('free text and validators', () => {
  const toAge = () => talk([{ type: 'start' }, say('1')]).state;

  test('an age is read from words and native digits and kept as a number', () => {
    expect(talk([say("I'm 15")], toAge()).state.vars['age']).toBe(15);
    expect(talk([say('عمري ١٢')], toAge()).state.vars['age']).toBe(12);
  });

  test('an impossible age is asked again with the validator message', () => {
    const { last, state } = talk([say('200')], toAge());
    expect(last.map((o) => o.text)).toEqual(['[en] invalid_age', 'How old are you?']);
    expect(state.vars['age']).toBeUndefined();
  });

  test('short text lives for the turn only: never in the session state', () => {
    const { state } = talk([say('15'), say('canary-words-7731')], toAge());
    expect(JSON.stringify(state)).not.toContain('canary-words-7731');
    expect(state.stack).toEqual([{ f: 'main', n: 'where' }]);
  });

  test('a shared point or a typed place goes forward without being kept', () => {
    const atWhere = talk([say('15'), say('hi')], toAge()).state;
    const shared = talk([{ type: 'location', point: { lat: 50.0614, lon: 19.9366 } }], atWhere);
    expect(JSON.stringify(shared.state)).not.toMatch(/50\.06|19\.93/);
    const typed = talk([say('Kraków')], atWhere);
    expect(JSON.stringify(typed.state)).not.toContain('Kraków');
    expect(typed.state.stack).toEqual(shared.state.stack);
  });
});

describe('moving through flows', () => {
  test('branch, set and add, call and return, plural count, then end leaves the conversation at rest', () => {
    const { turns, state } = talk([{ type: 'start' }, say('1'), say('10'), say('hi'), { type: 'choice', id: 'skip' }]);
    const last = turns[turns.length - 1]!;
    expect(last.map(pos)).toEqual(['main/child', 'sub/hello', 'main/score']);
    expect(last[2]!.text).toBe('You have 2 points.');
    expect(state.stack).toEqual([]);
    expect(state.vars['points']).toBe(2);
  });

  test('plurals follow the language: Arabic has a dual', () => {
    const { last } = talk([{ type: 'start', langHint: 'ar' }, say('1'), say('20'), say('hi'), say('تخطَّ')]);
    expect(last.map(pos)).toEqual(['main/older', 'sub/hello', 'main/score']);
    expect(last[2]!.text).toBe('نقطتان');
  });

  test('a message after the conversation ended opens the menu', () => {
    const ended = talk([{ type: 'start' }, say('1'), say('10'), say('hi'), say('skip')]).state;
    expect(talk([say('hello again')], ended).last.map(pos)).toEqual(['menu/pick']);
  });

  test('the emergency interrupt jumps from the middle of a flow and resume goes back to the same question', () => {
    const atAge = talk([{ type: 'start' }, say('1')]).state;
    const sos = talk([say('please, help me now')], atAge);
    expect(sos.last.map(pos)).toEqual(['emergency/call', 'emergency/options']);
    expect(sos.last.every((o) => o.interrupt === 'emergency')).toBe(true);
    const back = talk([{ type: 'choice', id: 'back' }], sos.state);
    expect(back.last.map(pos)).toEqual(['main/age']);
    expect(back.last[0]!.interrupt).toBeUndefined();
    expect(back.state.stack).toEqual([{ f: 'main', n: 'age' }]);
    expect(back.state.resume).toBeNull();
  });

  test('slash commands trigger their interrupt', () => {
    expect(talk([{ type: 'start' }, { type: 'command', name: 'sos' }]).last[0]!.interrupt).toBe('emergency');
  });

  test('an interrupt word inside a sentence only counts for "contains" interrupts', () => {
    const atFruit = talk([{ type: 'start' }]).state;
    expect(talk([say('can you stop')], atFruit).last[0]!.interrupt).toBeUndefined();
    expect(talk([say('stop')], atFruit).last.length).toBeGreaterThan(0);
    expect(talk([say('stop')], atFruit).last[0]!.interrupt).toBe('stop');
    expect(talk([say('shop')], atFruit).last[0]!.interrupt).toBeUndefined();
  });
});

describe('languages', () => {
  test.each([
    ['ar', 'ar'],
    ['ar-JO', 'ar'],
    ['pt-BR, ar;q=0.5', 'ar'],
    ['de', 'en'],
    [undefined, 'en'],
  ])('hint %s gives %s', (hint, lang) => {
    const input: Input = hint === undefined ? { type: 'start' } : { type: 'start', langHint: hint };
    const { last } = talk([input]);
    expect(last[0]!.lang).toBe(lang);
  });

  test('Arabic outputs are marked right to left, English left to right', () => {
    expect(talk([{ type: 'start', langHint: 'ar' }]).last[0]!.dir).toBe('rtl');
    expect(talk([{ type: 'start', langHint: 'en' }]).last[0]!.dir).toBe('ltr');
  });

  test('a key missing in a language falls back to English, and a raw key is never shown', () => {
    const paths = writeContent(SPEC);
    const content = loadContent(paths);
    // The flow check forbids a missing key; prove the engine is safe even if content slips through.
    const files = readLocales(paths.localesDir).map((f) =>
      f.lng === 'ar' && f.ns === 'main' ? { ...f, data: { ...f.data, fruit: undefined as never } } : f,
    );
    const e = createEngine({ ...content, texts: createTexts(files, content.app.languages) });
    const out = e.step(null, { type: 'start', langHint: 'ar' }, clock).outputs[0]!;
    expect(out.text).toBe('Which fruit?');
    expect(out.lang).toBe('ar');
    const flows = new Map(content.flows);
    const main = flows.get('main')!;
    flows.set('main', { ...main, nodes: { ...main.nodes, fruit: { ...main.nodes['fruit']!, text: 'no_such_key' } } });
    const broken = createEngine({ ...content, flows }).step(null, { type: 'start' }, clock).outputs[0]!;
    expect(broken.text).toBe('[en] missing_text');
  });
});

describe('sessions from an older version of the flows', () => {
  test('a node that is gone restarts its flow with a short note', () => {
    const old: SessionState = { v: 1, lang: 'en', stack: [{ f: 'main', n: 'removed_node' }], vars: {}, misses: 0, resume: null };
    const { last, state } = talk([say('anything')], old);
    expect(last.map((o) => o.text)).toEqual(['[en] flow_changed', 'Which fruit?']);
    expect(state.stack).toEqual([{ f: 'main', n: 'fruit' }]);
  });

  test('a flow that is gone opens the menu', () => {
    const old: SessionState = { v: 1, lang: 'en', stack: [{ f: 'deleted_flow', n: 'x' }], vars: {}, misses: 0, resume: null };
    const { last } = talk([say('anything')], old);
    expect(last.map(pos)).toEqual(['deleted_flow/x', 'menu/pick']);
    expect(last[0]!.text).toBe('[en] flow_changed');
  });
});

describe('safety of the engine itself', () => {
  test('step does not change the state it was given', () => {
    const before = talk([{ type: 'start' }, say('1')]).state;
    const frozen = JSON.stringify(before);
    deepFreeze(before);
    engine.step(before, say('15'), clock);
    engine.step(before, say('help me'), clock);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  test('a flow that loops without asking anything is stopped, not run forever', () => {
    const content = loadContent(writeContent(SPEC));
    const flows = new Map(content.flows);
    flows.set('sub', {
      flow: 'sub',
      title: 'title',
      start: 'a',
      nodes: { a: { kind: 'goto', node: 'b' }, b: { kind: 'goto', node: 'a' } },
    });
    const e = createEngine({ ...content, flows });
    const r = e.step(null, { type: 'start' }, clock);
    const r2 = ['1', '10', 'hi', 'skip'].reduce((acc, t) => e.step(acc.state, say(t), clock), r);
    expect(r2.outputs.map((o) => o.text)).toContain('[en] something_wrong');
    expect(r2.state.stack).toEqual([]);
    expect(MAX_STEPS_PER_TURN).toBeGreaterThan(10);
  });
});

function deepFreeze(o: unknown): void {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
}
