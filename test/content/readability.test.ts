/**
 * Plain words for a 12-year-old: the English text is checked sentence by sentence. Lessons
 * (and every other namespace this content owns) average 14 words or fewer per sentence, and
 * no sentence is over 25 words. A sentence ends at . ! ? or a line break; list bullets start one.
 */
import fs from 'node:fs';
import path from 'node:path';

const EN = path.join(__dirname, '..', '..', 'locales', 'en');
const MAX_WORDS = 25;
const MAX_AVERAGE = 14;

const LESSONS = fs.readdirSync(EN).filter((f) => /^lesson_.*\.json$/.test(f));
const OTHERS = ['check', 'sextortion', 'rights', 'safe_travel', 'helping_friend', 'emergency', 'onboarding', 'about', 'menu', 'lessons', 'common'].map((n) => `${n}.json`);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function leaves(o: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : isRecord(v) ? leaves(v, `${prefix}${k}.`) : [],
  );
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/^•\s*/, '').trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

function words(sentence: string): number {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

describe.each([...LESSONS, ...OTHERS])('%s', (file) => {
  const all = leaves(JSON.parse(fs.readFileSync(path.join(EN, file), 'utf8')))
    .filter(([key]) => !key.startsWith('sources.')) // lists of organisations, not prose
    .flatMap(([key, value]) => sentences(value).map((s) => ({ key, s, n: words(s) })));

  test(`no sentence over ${MAX_WORDS} words`, () => {
    const long = all.filter((x) => x.n > MAX_WORDS).map((x) => `${x.key} (${x.n}): ${x.s}`);
    expect(long).toEqual([]);
  });

  test(`sentences average ${MAX_AVERAGE} words or fewer`, () => {
    const average = all.reduce((sum, x) => sum + x.n, 0) / all.length;
    expect(average).toBeLessThanOrEqual(MAX_AVERAGE);
  });
});

test('the sentence splitter counts what a reader sees', () => {
  expect(sentences('Three tips:\n• Check it yourself. Never pay.\n• Tell someone.')).toEqual(['Three tips:', 'Check it yourself.', 'Never pay.', 'Tell someone.']);
  expect(words("Don't pay, and don't send anything more.")).toBe(7);
  expect(words('Mira, 17, sees an ad — far away.')).toBe(7);
});
