import type { z } from 'zod';
import type { ChoiceOption, EngineEvent, GeoPoint, Input, Insight, Scalar, SessionState } from './types';

/** A reference from a node to something the linter must be able to find. */
export interface Ref {
  type: 'node' | 'flow' | 'key';
  id: string;
  /** path inside the node, for `file:line:column` reports */
  path: (string | number)[];
}

/** Where a node sends the conversation next. */
export type Step =
  | { readonly type: 'to'; readonly node: string }
  | { readonly type: 'wait' }
  | { readonly type: 'call'; readonly flow: string; readonly then: string }
  | { readonly type: 'jump'; readonly flow: string; readonly node: string | null }
  | { readonly type: 'end' }
  | { readonly type: 'resume' };

export const WAIT: Step = { type: 'wait' };
export const END: Step = { type: 'end' };
export const RESUME: Step = { type: 'resume' };
export const to = (node: string): Step => ({ type: 'to', node });

/** Values that live for one turn only and are never saved (free text, coordinates). */
export interface Scratch {
  point: GeoPoint | null;
  place: string | null;
  text: Record<string, string>;
}

/** What a node can do while it runs: read and change the session, speak, emit events. */
export interface Run {
  readonly state: SessionState;
  readonly scratch: Scratch;
  readonly flow: string;
  readonly node: string;
  /** Say one message (an i18n key, resolved in the current flow's namespace). */
  say(key: string, countVar?: string): void;
  /** Ask a question with choices. */
  ask(key: string, choices: ChoiceOption[], countVar?: string): void;
  /** Ask a question whose text the node has already put together from rendered parts. */
  askRendered(text: string, choices: ChoiceOption[]): void;
  /** Ask for a location, offering alternatives. */
  askLocation(key: string, choices: ChoiceOption[]): void;
  emit(event: EngineEvent): void;
  /** Note an anonymous fact for insights (a quiz answer right or wrong). */
  record(insight: Insight): void;
  /** Render an i18n key in the session language, with extra interpolation values if given. */
  t(key: string, values?: Record<string, unknown>): string;
  /** The deployment's age of digital consent: below it, consent-based storage is not offered. */
  readonly consentAge: number;
  /** Set a session variable; `lang` switches the session language. */
  setVar(name: string, value: Scalar | null): void;
  /**
   * Match free text to one of `choices` (by number or label), or null. Labels are
   * rendered in the session language.
   */
  matchChoice(text: string, choices: readonly { id: string; label: string }[]): string | null;
}

/**
 * One node kind: its schema (the file format), what it references (for the linter), and
 * what it does. Each kind lives in its own file under `nodes/` and is listed in `nodes/index.ts`.
 */
export interface NodeKind<N extends { kind: string } = { kind: string }> {
  kind: string;
  schema: z.ZodType<N>;
  /** true if the node stops the turn and waits for the user's answer */
  waits: boolean;
  /** true if reaching this node may leave the flow (end, jump elsewhere, resume) */
  exits(node: N): boolean;
  refs(node: N): Ref[];
  enter(node: N, run: Run): Step;
  /** Handle the user's answer while waiting at this node; null means not understood. */
  answer?(node: N, input: Input, run: Run): Step | null;
}

export function defineNode<N extends { kind: string }>(kind: NodeKind<N>): NodeKind<N> {
  return kind;
}
