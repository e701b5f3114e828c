/**
 * Quiz feedback is right for every answer. For each scenario of every lesson: the right answer
 * gives the "right" feedback and adds one to the score; the other answer gives the "wrong"
 * feedback and leaves the score alone; both feedbacks name the same verdict (red flag or OK),
 * in every language, and that verdict matches the answer the flow scores as right.
 */
import type { SessionState } from '../../src/engine/types';
import { shippedEngine, TestClock } from '../support/haven';
import { choicesOf, flow, LANGS, lessonFlows, text } from './driver';

/** How each language opens the feedback: verdict first, then why. */
const VERDICT: Record<string, { red: [string, string]; ok: [string, string] }> = {
  en: { red: ['Yes, red flag.', 'This one is a red flag.'], ok: ['Yes, this looks OK.', 'This one looks OK.'] },
  fr: { red: ["Oui, c'est un signal d'alarme.", "Celui-ci est un signal d'alarme."], ok: ['Oui, cela semble correct.', 'Celui-ci semble correct.'] },
  es: { red: ['Sí, es una señal de alerta.', 'Esta es una señal de alerta.'], ok: ['Sí, parece bien.', 'Esta parece bien.'] },
  ar: { red: ['نعم، هذه علامة خطر.', 'هذه الحالة علامة خطر.'], ok: ['نعم، يبدو هذا سليماً.', 'هذه الحالة تبدو سليمة.'] },
  uk: { red: ['Так, це тривожний знак.', 'Це тривожний знак.'], ok: ['Так, схоже, все гаразд.', 'Тут, схоже, все гаразд.'] },
  ru: { red: ['Да, это тревожный знак.', 'Это тревожный знак.'], ok: ['Да, похоже, всё в порядке.', 'Здесь, похоже, всё в порядке.'] },
};

const scenarios = lessonFlows().flatMap(({ flow: flowId }) =>
  Object.entries(flow(flowId).nodes)
    .filter(([, n]) => n.kind === 'choice' && choicesOf(n).some((c) => c.id === 'red_flag'))
    .map(([node]) => [flowId, node] as const),
);

test('every lesson has scenarios for both the child and the shared tracks', () => {
  for (const { flow: f } of lessonFlows()) {
    const nodes = scenarios.filter(([id]) => id === f).map(([, n]) => n);
    expect(nodes.filter((n) => n.startsWith('c')).length).toBeGreaterThanOrEqual(3);
    expect(nodes.filter((n) => n.startsWith('q')).length).toBeGreaterThanOrEqual(3);
  }
  expect(scenarios.length).toBeGreaterThanOrEqual(8 * 6);
});

describe.each(scenarios)('%s %s', (flowId, node) => {
  const nodes = flow(flowId).nodes;
  const choices = choicesOf(nodes[node]);
  const right = choices.filter((c) => c.add?.['score'] === 1);
  const wrong = choices.filter((c) => c.add === undefined);

  test('one answer scores, the other does not, and both lead on to the same place', () => {
    expect(choices.map((c) => c.id).sort()).toEqual(['ok', 'red_flag']);
    expect(right).toHaveLength(1);
    expect(wrong).toHaveLength(1);
    expect(right[0]!.next).toBe(`${node}_right`);
    expect(wrong[0]!.next).toBe(`${node}_wrong`);
    expect(nodes[`${node}_right`]!['next']).toBe(nodes[`${node}_wrong`]!['next']);
  });

  test.each(LANGS)('in %s: the right answer gets "right" feedback and a point; the other does not', (lang) => {
    const verdict = right[0]!.id === 'red_flag' ? VERDICT[lang]!.red : VERDICT[lang]!.ok;
    const rightText = text(lang, `${flowId}:${node}_right`);
    const wrongText = text(lang, `${flowId}:${node}_wrong`);
    expect(rightText.startsWith(verdict[0])).toBe(true);
    expect(wrongText.startsWith(verdict[1])).toBe(true);
    // the why is the same, whichever answer was given
    expect(rightText.slice(verdict[0].length)).toBe(wrongText.slice(verdict[1].length));

    const engine = shippedEngine();
    const at = (): SessionState => ({
      v: 1,
      lang,
      stack: [{ f: flowId, n: node }],
      vars: { score: 2, score_total: 5, track: node.startsWith('c') ? 'child' : 'youth' },
      misses: 0,
      resume: null,
    });
    const good = engine.step(at(), { type: 'choice', id: right[0]!.id }, new TestClock());
    expect(good.outputs[0]!.text).toBe(rightText);
    expect(good.state.vars['score']).toBe(3);
    const bad = engine.step(at(), { type: 'choice', id: wrong[0]!.id }, new TestClock());
    expect(bad.outputs[0]!.text).toBe(wrongText);
    expect(bad.state.vars['score']).toBe(2);
  });
});

describe('the score names the count with the right plural form, and never shames', () => {
  const forms: Record<string, [number, RegExp][]> = {
    en: [[1, /1 answer right/], [3, /3 answers right/]],
    fr: [[1, /1 bonne réponse/], [3, /3 bonnes réponses/]],
    es: [[1, /1 respuesta de/], [3, /3 respuestas de/]],
    ar: [[0, /من 4/], [1, /إجابة صحيحة واحدة/], [2, /إجابتين صحيحتين/], [3, /3 إجابات صحيحة/]],
    uk: [[1, /1 правильну відповідь/], [3, /3 правильні відповіді/], [0, /0 правильних відповідей/]],
    ru: [[1, /1 правильный ответ/], [3, /3 правильных ответа/], [0, /0 правильных ответов/]],
  };
  test.each(LANGS)('%s', (lang) => {
    for (const [count, pattern] of forms[lang]!) {
      const out = text(lang, 'common:score', { count, score_total: 4 });
      expect(out).toMatch(pattern);
      expect(out).toContain('4');
    }
    // English: encouraging whatever the count
    if (lang === 'en') expect(text('en', 'common:score', { count: 0, score_total: 4 })).not.toMatch(/wrong|fail|bad|only/i);
  });
});
