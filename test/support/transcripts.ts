/**
 * Conversation transcripts: YAML files in test/conversations/ that say what the user sends and
 * what the bot must answer, run in every language they list. They are Haven's golden files.
 *
 *   title: Emergency from the middle of a lesson, then back
 *   langs: all                      # or a list: [en, fr]
 *   steps:
 *     - user: start                 # the channel's start, with the language as its hint
 *       bot:
 *         - { flow: onboarding, node: pick_language, kind: choice }
 *     - user: { choose: $lang }     # press a button by choice id ($lang: the transcript's language)
 *     - user: { say: "2" }          # type text, the same in every language...
 *     - user: { say: { en: help me, fr: aidez-moi } }   # ...or per language
 *       bot:
 *         - { flow: emergency, node: call_now, interrupt: emergency, key: emergency:call_now }
 *
 * Each expected output may give flow, node, kind, interrupt, key (the text must equal that
 * key rendered in the language, with `count` for plurals), text (literal, or per language),
 * includes (a substring), choices (the choice ids, in order) and event (its type). When `bot`
 * is given it must match the outputs one for one, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Input, Output } from '../../src/engine/types';
import { memoryConversations, shippedEngine, SHIPPED_LANGUAGES } from './haven';

const PerLang = z.union([z.string(), z.record(z.string(), z.string())]);

const UserStep = z.union([
  z.literal('start'),
  z.object({ say: PerLang }).strict(),
  z.object({ choose: z.string() }).strict(),
  z.object({ command: z.string() }).strict(),
  z.object({ location: z.tuple([z.number(), z.number()]) }).strict(),
]);

const Expected = z
  .object({
    flow: z.string().optional(),
    node: z.string().optional(),
    kind: z.enum(['text', 'choice', 'location', 'event']).optional(),
    interrupt: z.string().optional(),
    key: z.string().optional(),
    count: z.number().optional(),
    text: PerLang.optional(),
    includes: PerLang.optional(),
    choices: z.array(z.string()).optional(),
    event: z.string().optional(),
  })
  .strict();

export const TranscriptSchema = z
  .object({
    title: z.string(),
    langs: z.union([z.literal('all'), z.array(z.string()).min(1)]).default('all'),
    steps: z.array(z.object({ user: UserStep, bot: z.array(Expected).optional() }).strict()).min(1),
  })
  .strict();
export type Transcript = z.infer<typeof TranscriptSchema>;

export const TRANSCRIPT_DIR = path.join(__dirname, '..', 'conversations');

export function readTranscripts(dir = TRANSCRIPT_DIR): { file: string; transcript: Transcript }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const parsed = TranscriptSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      return { file, transcript: parsed.data };
    });
}

export function languagesOf(t: Transcript): string[] {
  return t.langs === 'all' ? [...SHIPPED_LANGUAGES] : t.langs;
}

function pick(value: z.infer<typeof PerLang>, lang: string, where: string): string {
  if (typeof value === 'string') return value.replace(/\$lang/g, lang);
  const v = value[lang];
  if (v === undefined) throw new Error(`${where}: no text for language "${lang}"`);
  return v;
}

function toInput(step: z.infer<typeof UserStep>, lang: string, where: string): Input {
  if (step === 'start') return { type: 'start', langHint: lang };
  if ('say' in step) return { type: 'text', text: pick(step.say, lang, where) };
  if ('choose' in step) return { type: 'choice', id: step.choose.replace(/\$lang/g, lang) };
  if ('command' in step) return { type: 'command', name: step.command };
  return { type: 'location', point: { lat: step.location[0], lon: step.location[1] } };
}

function render(key: string, lang: string, count: number | undefined): string {
  const texts = shippedEngine().texts;
  const [ns = '', bare = ''] = key.split(':');
  const out = texts.render(lang, ns, bare, count === undefined ? undefined : { count });
  if (out === null) throw new Error(`key "${key}" does not exist`);
  return out;
}

/** Run a transcript in one language; throws with a readable diff on the first mismatch. */
export function runTranscript(t: Transcript, lang: string, file = t.title): void {
  const conversations = memoryConversations();
  const key = `transcript:${lang}`;
  t.steps.forEach((step, i) => {
    const where = `${path.basename(file)} [${lang}] step ${i + 1}`;
    const outputs = conversations.turn(key, toInput(step.user, lang, where)).outputs;
    if (!step.bot) return;
    const problems: string[] = [];
    if (outputs.length !== step.bot.length) {
      problems.push(`expected ${step.bot.length} outputs, got ${outputs.length}`);
    }
    step.bot.forEach((e, j) => {
      const o: Output | undefined = outputs[j];
      if (!o) return;
      const check = (what: string, want: unknown, got: unknown) => {
        if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got)) {
          problems.push(`output ${j + 1} ${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
        }
      };
      check('flow', e.flow, o.flow);
      check('node', e.node, o.node);
      check('kind', e.kind, o.kind);
      check('interrupt', e.interrupt, o.interrupt);
      check('event', e.event, o.event?.type);
      if (e.choices) check('choices', e.choices, o.choices?.map((c) => c.id));
      if (e.key) check('text', render(e.key, o.lang, e.count), o.text);
      if (e.text !== undefined) check('text', pick(e.text, lang, where), o.text);
      if (e.includes !== undefined && !(o.text ?? '').includes(pick(e.includes, lang, where))) {
        problems.push(`output ${j + 1} text: expected to include ${JSON.stringify(pick(e.includes, lang, where))}, got ${JSON.stringify(o.text)}`);
      }
    });
    if (problems.length > 0) {
      const got = outputs.map((o) => `  ${o.flow}/${o.node} ${o.kind}${o.interrupt ? ` (${o.interrupt})` : ''}: ${o.text ?? o.event?.type ?? ''}`);
      throw new Error(`${where}:\n  ${problems.join('\n  ')}\nbot said:\n${got.join('\n')}`);
    }
  });
}
