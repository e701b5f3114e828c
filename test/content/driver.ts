/**
 * A scripted user for content tests: drives the real engine and session store through
 * `Conversations.turn`, and reads back what the bot said. Flows and words are the shipped ones.
 */
import { branchNode } from '../../src/engine/nodes/branch';
import { callNode } from '../../src/engine/nodes/call';
import { ChoiceList, type ChoiceOptionDef } from '../../src/engine/nodes/choice-options';
import type { Input, Output } from '../../src/engine/types';
import type { Flow, FlowNode } from '../../src/flows/schema';
import { memoryConversations, shippedContent, shippedEngine } from '../support/haven';

export const LANGS = ['en', 'fr', 'es', 'ar', 'uk', 'ru'] as const;

/** Onboarding answer -> lesson track (what flows/onboarding.yaml promises). */
export const AUDIENCE_OF_TRACK = { child: 'under_13', youth: 'age_13_17', adult: 'parent' } as const;
export type Track = keyof typeof AUDIENCE_OF_TRACK;
export const TRACKS: Track[] = ['child', 'youth', 'adult'];

export function flow(id: string): Flow {
  const f = shippedContent().flows.get(id);
  if (!f) throw new Error(`no flow "${id}"`);
  return f;
}

/** A node's buttons (a choice, or a location's alternatives), read with the flow format's own schema. */
export function choicesOf(node: FlowNode | undefined): ChoiceOptionDef[] {
  const list = node?.['choices'];
  return list === undefined ? [] : ChoiceList.parse(list);
}

/** The conditions a branch node tests, read with the flow format's own schema. */
type Condition = ReturnType<typeof branchNode.schema.parse>['cases'][number]['when'];
export function conditionsOf(node: FlowNode): Condition[] {
  return node.kind === 'branch' ? branchNode.schema.parse(node).cases.map((c) => c.when) : [];
}

/** The eight lessons, in the order the topic list offers them. */
export function lessonFlows(): { choice: string; flow: string }[] {
  const nodes = flow('lessons').nodes;
  return choicesOf(nodes['list']).flatMap((c) => {
    const call = callNode.schema.safeParse(nodes[c.next]);
    return call.success && call.data.flow.startsWith('lesson_') ? [{ choice: c.id, flow: call.data.flow }] : [];
  });
}

/** Render a key the way the engine does (`ns:key`), with optional values. */
export function text(lang: string, key: string, values?: Record<string, unknown>): string {
  const [ns = '', bare = ''] = key.split(':');
  const out = shippedEngine().texts.render(lang, ns, bare, values);
  if (out === null) throw new Error(`no text for ${key}`);
  return out;
}

export class User {
  readonly conversations = memoryConversations();
  readonly key = `content-test:${Math.random()}`;
  /** everything the bot said in the last turn */
  last: Output[] = [];
  readonly all: Output[] = [];
  vars: Record<string, unknown> = {};

  constructor(readonly lang: string) {}

  send(input: Input): Output[] {
    const { outputs, state } = this.conversations.turn(this.key, input);
    this.last = outputs;
    this.all.push(...outputs);
    this.vars = state.vars;
    return outputs;
  }
  start(): Output[] {
    return this.send({ type: 'start', langHint: this.lang });
  }
  choose(id: string): Output[] {
    const question = this.question();
    if (question && !(question.choices ?? []).some((c) => c.id === id)) {
      throw new Error(`"${id}" is not offered at ${question.flow}/${question.node}: ${(question.choices ?? []).map((c) => c.id).join(', ')}`);
    }
    return this.send({ type: 'choice', id });
  }
  say(text: string): Output[] {
    return this.send({ type: 'text', text });
  }
  /** the question the bot is waiting on (the last output of the last turn) */
  question(): Output | undefined {
    return this.last[this.last.length - 1];
  }
  /** where the conversation waits now */
  at(): string {
    const q = this.question();
    return q ? `${q.flow}/${q.node}` : '(nothing)';
  }

  /** Start, pick the language and say who is chatting: ends at the main menu. */
  static onboarded(lang: string, audience: string): User {
    const u = new User(lang);
    u.start();
    u.choose(lang);
    u.choose(audience);
    if (u.at() !== 'menu/main') throw new Error(`onboarding ended at ${u.at()}`);
    return u;
  }
}
