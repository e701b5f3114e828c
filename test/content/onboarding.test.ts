/**
 * First contact: the six languages named in themselves, a greeting and menu that never name
 * trafficking or exploitation (a phone may be read over a shoulder), who is chatting selects the
 * lesson track, and the two-line privacy promise names the words that erase and leave, in the
 * user's own language, and those words work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { normalize } from '../../src/engine/normalize';
import { shippedContent } from '../support/haven';

/** This language's own interrupt words (locales/<lng>/interrupts.json). */
function interruptWords(lang: string): Record<string, string[]> {
  const file = shippedContent().texts.languages.includes(lang) ? path.join(__dirname, '..', '..', 'locales', lang, 'interrupts.json') : '';
  const words: Record<string, string[]> = JSON.parse(fs.readFileSync(file, 'utf8'));
  return words;
}
import { LANGS, text, User } from './driver';

const ENDONYMS: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية', uk: 'Українська', ru: 'Русский' };

/** Words a shoulder-surfer must not read before the user picks a topic. */
const SENSITIVE: Record<string, RegExp> = {
  en: /traffick|exploit|smuggl/i,
  fr: /trafic|traite|exploit|passeur/i,
  es: /trata|tráfico|traficante|explota|coyote/i,
  ar: /اتجار|إتجار|استغلال|تهريب|مهرّب|مهرب/,
  uk: /торгівл|експлуат|контрабанд/i,
  ru: /торговл|эксплуат|контрабанд/i,
};

const TRACK_OF: Record<string, string> = { under_13: 'child', age_13_17: 'youth', adult: 'youth', parent: 'adult', someone_else: 'adult' };

describe.each(LANGS)('in %s', (lang) => {
  test('the language question names each language in itself, whatever the current language', () => {
    const u = new User(lang);
    const [ask] = u.start();
    expect(ask!.choices!.map((c) => c.id)).toEqual([...LANGS]);
    expect(ask!.choices!.map((c) => c.label)).toEqual(LANGS.map((l) => ENDONYMS[l]));
  });

  test('nothing said before a topic is picked names trafficking or exploitation', () => {
    const u = User.onboarded(lang, 'age_13_17');
    const shown = u.all.flatMap((o) => [o.text ?? '', ...(o.choices ?? []).map((c) => c.label)]);
    expect(u.at()).toBe('menu/main');
    for (const s of shown) expect(s).not.toMatch(SENSITIVE[lang]!);
    // the checker itself catches the words, in this language
    expect(text(lang, 'about:what')).toMatch(SENSITIVE[lang]!);
  });

  test.each(Object.entries(TRACK_OF))('"%s" selects the %s track', (audience, track) => {
    const u = User.onboarded(lang, audience);
    expect(u.vars['audience']).toBe(audience);
    expect(u.vars['track']).toBe(track);
  });

  test('the privacy promise is two lines: what is not kept, and how to erase or leave fast', () => {
    const promise = text(lang, 'onboarding:privacy');
    const lines = promise.split('\n');
    expect(lines).toHaveLength(2);
    const words = interruptWords(lang);
    const said = normalize(lines[1]!);
    const named = (list: string[]) => list.map(normalize).find((w) => ` ${said} `.includes(` ${w} `));
    const del = named(words['delete']!);
    const stop = named(words['stop']!);
    expect(del).toBeDefined();
    expect(stop).toBeDefined();

    // and typing those words does what the promise says
    const u = User.onboarded(lang, 'age_13_17');
    expect(u.say(del!)[0]).toMatchObject({ flow: 'delete', interrupt: 'delete' });
    const v = User.onboarded(lang, 'age_13_17');
    expect(v.say(stop!)[0]).toMatchObject({ flow: 'stop', interrupt: 'stop' });
  });
});
