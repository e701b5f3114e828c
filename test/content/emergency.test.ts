/**
 * "I'm in danger now": call first, what to do in the next minutes, the country's emergency
 * numbers (asking the country only when it is not known, through pick_country), and a person
 * offered. Run on the real Haven (directory included), so the numbers are the ones shipped.
 */
import { openHaven, type Haven } from '../../src/conversation/open';
import type { Input, Output } from '../../src/engine/types';
import { tempDir } from '../support/tmp';
import { LANGS, text } from './driver';

let haven: Haven;
beforeAll(() => (haven = openHaven({ dataDir: tempDir() })));
afterAll(() => haven.close());

function person(lang: string) {
  const key = `emergency-test:${Math.random()}`;
  const send = (input: Input): Output[] => haven.conversations.turn(key, input).outputs;
  send({ type: 'start', langHint: lang });
  send({ type: 'choice', id: lang });
  send({ type: 'choice', id: 'age_13_17' });
  return { send, choose: (id: string) => send({ type: 'choice', id }) };
}

const cards = (outputs: Output[]) => outputs.find((o) => o.event?.type === 'services')?.event;

describe.each(LANGS)('in %s', (lang) => {
  test('country not known: call first, the next minutes, then the country is asked on a tap and its numbers shown', () => {
    const p = person(lang);
    const first = p.choose('danger');
    expect(first.map((o) => o.node)).toEqual(['call_now', 'next_minutes_unknown', 'options_unknown']);
    expect(first[0]!.text).toBe(text(lang, 'emergency:call_now'));
    expect(first[1]!.text).toBe(text(lang, 'emergency:next_minutes'));
    expect(first[2]!.choices!.map((c) => c.id)).toEqual(['numbers', 'back', 'person', 'menu']);

    const ask = p.choose('numbers');
    expect(ask.at(-1)).toMatchObject({ flow: 'pick_country', kind: 'choice' });
    const shown = p.choose('pl');
    const event = cards(shown);
    expect(event).toMatchObject({ type: 'services', category: 'emergency', country: 'PL' });
    expect(event!.type === 'services' && event!.results!.some((c) => c.phones.includes('112'))).toBe(true);
    expect(shown.at(-1)).toMatchObject({ flow: 'emergency', node: 'options', kind: 'choice' });
    expect(shown.at(-1)!.choices!.map((c) => c.id)).toEqual(['back', 'person', 'menu']);
  });

  test('country known: the numbers come at once, with no question first', () => {
    const p = person(lang);
    p.choose('danger');
    p.choose('numbers');
    p.choose('ua');
    p.choose('menu');
    const again = p.choose('danger');
    expect(again.map((o) => o.kind)).toEqual(['text', 'event', 'text', 'choice']);
    expect(cards(again)).toMatchObject({ category: 'emergency', country: 'UA' });
    expect(again.map((o) => o.node)).toEqual(['call_now', 'numbers', 'next_minutes', 'options']);
  });

  test('"Talk to a person" opens the warm handoff', () => {
    const p = person(lang);
    p.choose('danger');
    const handoff = p.choose('person');
    expect(handoff[0]).toMatchObject({ flow: 'talk_to_person', node: 'explain' });
  });

  test('skipping the country still leaves a way to get help', () => {
    const p = person(lang);
    p.choose('danger');
    p.choose('numbers');
    const skipped = p.choose('skip');
    expect(skipped.map((o) => o.node)).toEqual(['no_country', 'options']);
    expect(skipped[0]!.text).toBe(text(lang, 'emergency:no_country'));
  });
});
