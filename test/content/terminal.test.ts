/**
 * A person can go through every lesson in the terminal chat, in any of the six languages: the
 * real `haven chat` command in its own process, answers typed as numbers like a person would,
 * each lesson reaching its score and its help, then the next lesson from the topic list.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { choicesOf, flow, LANGS, lessonFlows, text } from './driver';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');

interface JsonOutput {
  flow: string;
  node: string;
  kind: string;
  text?: string;
  choices?: { id: string; label: string }[];
}

function chat(lines: string[], lang: string): JsonOutput[] {
  const r = spawnSync(process.execPath, [CLI, 'chat', '--json', '--lang', lang], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`chat exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l): JsonOutput => JSON.parse(l));
}

/** The youth track's scenarios, answered right, as the number of the button a person would type. */
function typedAnswers(flowId: string): string[] {
  const nodes = flow(flowId).nodes;
  const out: string[] = [];
  for (let i = 1; nodes[`q${i}`]; i++) {
    const choices = choicesOf(nodes[`q${i}`]);
    out.push(String(choices.findIndex((c) => c.add !== undefined) + 1));
  }
  return out;
}

test.each(LANGS)('every lesson, start to finish, in the terminal in %s', (lang) => {
  const lessons = lessonFlows();
  const script = [`/choose ${lang}`, '/choose age_13_17', '/choose learn'];
  for (const l of lessons) script.push(`/choose ${l.choice}`, ...typedAnswers(l.flow), '/choose more');
  const out = chat(script, lang);

  for (const l of lessons) {
    const total = typedAnswers(l.flow).length;
    const score = out.find((o) => o.flow === l.flow && o.node === 'score');
    expect({ lesson: l.flow, score: score?.text }).toEqual({ lesson: l.flow, score: text(lang, 'common:score', { count: total, score_total: total }) });
    expect(out.some((o) => o.flow === l.flow && o.node === 'help_youth' && o.kind === 'choice')).toBe(true);
  }
  expect(out[out.length - 1]).toMatchObject({ flow: 'lessons', node: 'again', kind: 'choice' });
}, 120_000);
