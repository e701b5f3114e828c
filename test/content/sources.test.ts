/**
 * Each lesson records where its facts come from in its flow's `sources`, and About shows them:
 * every source's name (the part of its title before ":") and web address are in About's text
 * for that topic, in every language. A source added to a flow and not to About fails here.
 */
import { URL } from 'node:url';
import { flow, LANGS, lessonFlows, text } from './driver';

const OTHER_TOPICS = ['check', 'sextortion', 'rights', 'safe_travel', 'helping_friend'];

const topics = [...lessonFlows().map((l) => [l.flow, `about:sources.${l.flow}`]), ...OTHER_TOPICS.map((f) => [f, 'about:sources.other'])];

describe.each(topics)('%s', (flowId, aboutKey) => {
  const sources = flow(flowId).sources ?? [];

  test('records its sources', () => {
    expect(sources.length).toBeGreaterThanOrEqual(flowId.startsWith('lesson_') ? 3 : 1);
    for (const s of sources) expect(s.title).toMatch(/^[^:]+: \S/);
  });

  test.each(LANGS)('About names each source in %s', (lang) => {
    const shown = text(lang, aboutKey);
    for (const s of sources) {
      expect(shown).toContain(s.title.split(':')[0]!);
      if (s.url) expect(shown).toContain(new URL(s.url).hostname.replace(/^www\./, ''));
      if (s.year) expect(shown).toContain(String(s.year));
    }
    if (aboutKey.endsWith('.other')) expect(shown).toContain(text(lang, `${flowId}:title`));
  });
});
