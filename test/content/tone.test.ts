/**
 * Trauma-informed words: Haven names warning signs and offers help; it never tells anyone what
 * is happening to them, never blames, and says "it is not your fault" where shame is likely.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LANGS, text } from './driver';

const EN = path.join(__dirname, '..', '..', 'locales', 'en');
const OWN = fs.readdirSync(EN).filter((f) => /^(lesson_.*|check|sextortion|rights|safe_travel|helping_friend|emergency|onboarding|about|menu|lessons|common|talk_to_person)\.json$/.test(f));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function leaves(o: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : isRecord(v) ? leaves(v, `${prefix}${k}.`) : [],
  );
}

const all = OWN.flatMap((f) => leaves(JSON.parse(fs.readFileSync(path.join(EN, f), 'utf8'))).map(([k, v]) => [`${f.slice(0, -5)}:${k}`, v] as const));

test('never tells the reader what is happening to them', () => {
  const labelling = all.filter(([, v]) => /\byou('re| are)( being)? (trafficked|exploited|a victim|groomed|being groomed)\b|\byour (trafficker|exploiter)\b/i.test(v));
  expect(labelling).toEqual([]);
});

test('never blames', () => {
  const blaming = all.filter(([, v]) => /\b(your fault|you should have|you shouldn't have|why did you|you were wrong|stupid|careless)\b/i.test(v) && !/not your fault|not their fault|never your fault/i.test(v));
  expect(blaming).toEqual([]);
});

test.each(LANGS)('in %s, "it is not your fault" is said where shame is likely', (lang) => {
  const NOT_YOUR_FAULT: Record<string, RegExp> = {
    en: /not (your|their|the|Max's) fault|never (your|the child's) fault|not to blame/i,
    fr: /pas (votre|sa|la) faute|jamais (votre|la) faute|pas coupables/i,
    es: /no es (tu|su) culpa|nunca es (tu )?culpa|no es culpa|no tienen la culpa/i,
    ar: /ليس ذنب|ليس ذنبك|ليسوا مذنبين/,
    uk: /не ваша провина|не її провина|не провина|не винен|не винні|ніколи в цьому не винна|не твоя провина/i,
    ru: /не ваша вина|не его вина|не вина|не виноват|никогда в этом не виноват|не твоя вина/i,
  };
  for (const key of [
    'sextortion:not_your_fault',
    'sextortion:not_your_fault_adult',
    'rights:consent',
    'check:result_serious',
    'lesson_online:q3_right',
    'lesson_online:tips_child',
    'lesson_forced_crime:c2_right',
    'lesson_forced_crime:tips_child',
  ]) {
    expect({ key, text: text(lang, key) }).toEqual({ key, text: expect.stringMatching(NOT_YOUR_FAULT[lang]!) });
  }
});
