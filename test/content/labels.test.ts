/**
 * A button label typed as text must mean that button. The global interrupts are checked before
 * the current question, so a label that happens to contain an emergency phrase, or to equal a
 * stop or delete word, would be hijacked. Labels that mean the interrupt ("I'm in danger now",
 * "Talk to a person", "Main menu", "Change language") are allowed to trigger it.
 */
import { InterruptMatcher } from '../../src/engine/interrupts';
import { shippedContent } from '../support/haven';
import { choicesOf, LANGS, text } from './driver';

const OWN = /^(onboarding|menu|lessons|lesson_\w+|check|emergency|sextortion|rights|safe_travel|helping_friend|about|talk_to_person)$/;

/** label key -> the interrupt it may trigger */
const MEANT: Record<string, string> = {
  'common:topic_danger': 'emergency',
  'common:talk_to_person': 'human',
  'common:menu': 'menu',
  'menu:language': 'language',
};

const content = shippedContent();
const matcher = new InterruptMatcher(content.app, content.texts.interruptWords());

const labels: [string, string][] = [];
for (const [id, f] of content.flows) {
  if (!OWN.test(id)) continue;
  for (const [node, n] of Object.entries(f.nodes)) {
    for (const c of choicesOf(n)) {
      labels.push([`${id}/${node}`, c.label.includes(':') ? c.label : `${id}:${c.label}`]);
    }
  }
}
const unique = [...new Map(labels.map(([where, key]) => [key, where])).entries()].map(([key, where]) => [key, where] as const);

test.each(LANGS)('in %s, no label is taken for an interrupt it does not mean', (lang) => {
  const hijacked: string[] = [];
  for (const [key, where] of unique) {
    const label = text(lang, key);
    const hit = matcher.match(label);
    if (hit !== null && hit !== MEANT[key]) hijacked.push(`${where} ${key} "${label}" -> ${hit}`);
  }
  expect(hijacked).toEqual([]);
  expect(unique.length).toBeGreaterThan(40);
});
