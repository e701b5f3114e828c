/**
 * The conversation engine: a pure function of (state, input, clock) to (new state, outputs).
 * No I/O happens here; flows, words and interrupts are read through what `createEngine` was
 * given, so the engine behaves the same on every channel and runs in tests without a server.
 */
import type { AppConfig, Flow, FlowNode } from '../flows/schema';
import { pickLanguage } from '../i18n/language';
import { InterruptMatcher } from './interrupts';
import { ENGINE_KEYS, INVALID_KEYS, LAST_RESORT_TEXT } from './messages';
import type { NodeKind, Run, Scratch, Step } from './node-kind';
import { nodeKind } from './nodes';
import { ChoiceMatcher } from './choice-matcher';
import type { Texts } from './texts';
import type {
  ChoiceOption,
  Clock,
  EngineEvent,
  Frame,
  Input,
  Insight,
  InterruptName,
  Output,
  Scalar,
  SessionState,
  StepResult,
} from './types';

/** A flow that moves from node to node this many times without asking anything is looping. */
export const MAX_STEPS_PER_TURN = 200;
/** After this many answers in a row that are not understood, the menu is offered as a way out. */
export const MISSES_BEFORE_MENU = 2;
/** Choice id of the "main menu" button added when the user seems lost. */
export const MENU_CHOICE_ID = '__menu';

/** The default age of digital consent (GDPR Art. 8); member states set 13 to 16. */
export const DEFAULT_CONSENT_AGE = 16;

export interface EngineOptions {
  app: AppConfig;
  flows: ReadonlyMap<string, Flow>;
  texts: Texts;
  /** below this age consent-based storage is not offered (default 16) */
  consentAge?: number;
  /**
   * Deployment facts texts may show, e.g. `{{retain_progress_days}}` in a consent wording, so
   * the words always match the configuration (and a change of either changes the version).
   */
  constants?: Record<string, Scalar>;
  /** facts that read differently per language, e.g. `{{handoff_hours}}` with local day names */
  localConstants?: (lang: string) => Record<string, Scalar>;
}

export interface Engine {
  /** Take one input and return the new state and what to say. Never throws on user input. */
  step(state: SessionState | null, input: Input, clock: Clock): StepResult;
  /** A fresh state in the language picked from a channel's hint. */
  newState(lang?: string): SessionState;
  readonly app: AppConfig;
  readonly texts: Texts;
  readonly flows: ReadonlyMap<string, Flow>;
}

export function createEngine(options: EngineOptions): Engine {
  return new FlowEngine(options);
}

class FlowEngine implements Engine {
  readonly app: AppConfig;
  readonly texts: Texts;
  readonly flows: ReadonlyMap<string, Flow>;
  readonly consentAge: number;
  readonly constants: Record<string, Scalar> | null;
  readonly localConstants: ((lang: string) => Record<string, Scalar>) | null;
  private readonly interrupts: InterruptMatcher;
  readonly choices: ChoiceMatcher;
  private readonly interruptFlows: Map<string, InterruptName>;

  constructor(o: EngineOptions) {
    this.app = o.app;
    this.texts = o.texts;
    this.flows = o.flows;
    this.consentAge = o.consentAge ?? DEFAULT_CONSENT_AGE;
    this.constants = o.constants && Object.keys(o.constants).length > 0 ? o.constants : null;
    this.localConstants = o.localConstants ?? null;
    this.interrupts = new InterruptMatcher(o.app, o.texts.interruptWords());
    this.choices = new ChoiceMatcher();
    this.interruptFlows = new Map(
      (Object.keys(o.app.interrupts) as InterruptName[]).map((n) => [o.app.interrupts[n].flow, n]),
    );
  }

  newState(lang?: string): SessionState {
    const fallback = this.texts.languages[0] ?? 'en';
    return {
      v: 1,
      lang: lang && this.texts.languages.includes(lang) ? lang : fallback,
      stack: [],
      vars: {},
      misses: 0,
      resume: null,
    };
  }

  step(prev: SessionState | null, input: Input, clock: Clock): StepResult {
    const state: SessionState = prev ? copyState(prev) : this.newState();
    const turn = new Turn(this, state, clock);
    const hint = 'langHint' in input ? input.langHint : undefined;
    if (!prev && hint) turn.adoptHint(hint);

    if (input.type === 'start' || (input.type === 'command' && input.name === 'start')) {
      if (hint) turn.adoptHint(hint);
      state.stack = [];
      state.resume = null;
      turn.startFlow(this.app.entry);
      return turn.finish();
    }

    if (input.type === 'signal') {
      // From the host, not the user: only the node waiting for it reacts; otherwise nothing happens.
      if (state.stack.length > 0) turn.answer(input);
      return turn.finish();
    }

    const interrupt =
      input.type === 'text'
        ? this.interrupts.match(input.text)
        : input.type === 'command'
          ? this.interrupts.command(input.name)
          : null;
    if (interrupt) {
      turn.interrupt(interrupt);
      return turn.finish();
    }

    if (state.stack.length === 0) {
      turn.startFlow(prev ? this.app.menu : this.app.entry);
      return turn.finish();
    }
    turn.answer(input);
    return turn.finish();
  }

  isResumableFlow(flow: string): boolean {
    const name = this.interruptFlows.get(flow);
    return name !== undefined && this.app.interrupts[name].resumable;
  }
}

function copyState(s: SessionState): SessionState {
  return {
    v: 1,
    lang: s.lang,
    stack: s.stack.map((f) => ({ f: f.f, n: f.n })),
    vars: { ...s.vars },
    misses: s.misses,
    resume: s.resume ? s.resume.map((f) => ({ f: f.f, n: f.n })) : null,
  };
}

/** The work of one turn: runs nodes until one waits for the user, collecting outputs. */
class Turn implements Run {
  readonly outputs: Output[] = [];
  readonly insights: Insight[] = [];
  readonly scratch: Scratch = { point: null, place: null, text: {} };
  private current: InterruptName | undefined;
  private steps = 0;
  /** interpolation values (constants and session variables), built once per turn when needed */
  private values: Record<string, unknown> | undefined;
  flow = '';
  node = '';

  constructor(
    private readonly engine: FlowEngine,
    readonly state: SessionState,
    readonly clock: Clock,
  ) {}

  get consentAge(): number {
    return this.engine.consentAge;
  }

  adoptHint(hint: string): void {
    const lang = pickLanguage(hint, this.engine.texts.languages);
    if (lang) this.state.lang = lang;
  }

  finish(): StepResult {
    return { state: this.state, outputs: this.outputs, insights: this.insights };
  }

  record(insight: Insight): void {
    this.insights.push(insight);
  }

  // ---- Run: what nodes may do -------------------------------------------------------

  t(key: string, values?: Record<string, unknown>): string {
    return this.render(key, undefined, values);
  }

  say(key: string, countVar?: string): void {
    this.push('text', this.render(key, countVar), undefined);
  }

  ask(key: string, choices: ChoiceOption[], countVar?: string): void {
    this.push('choice', this.render(key, countVar), choices);
  }

  askRendered(text: string, choices: ChoiceOption[]): void {
    this.push('choice', text, choices);
  }

  askLocation(key: string, choices: ChoiceOption[]): void {
    this.push('location', this.render(key, undefined), choices);
  }

  emit(event: EngineEvent): void {
    const o = this.base('event');
    o.event = event;
    this.outputs.push(o);
  }

  setVar(name: string, value: Scalar | null): void {
    this.values = undefined;
    if (name === 'lang') {
      if (typeof value === 'string' && this.engine.texts.languages.includes(value)) this.state.lang = value;
      return;
    }
    if (value === null) delete this.state.vars[name];
    else this.state.vars[name] = value;
  }

  matchChoice(text: string, choices: readonly { id: string; label: string }[]): string | null {
    return this.engine.choices.match(text, choices, this);
  }

  // ---- moving through flows ---------------------------------------------------------

  startFlow(flowId: string, nodeId?: string | null): void {
    const flow = this.engine.flows.get(flowId);
    if (!flow) return this.fail();
    this.state.stack.push({ f: flowId, n: nodeId ?? flow.start });
    this.insights.push({ type: 'flow_started', flow: flowId });
    this.state.misses = 0;
    this.run();
  }

  interrupt(name: InterruptName): void {
    const def = this.engine.app.interrupts[name];
    this.current = name;
    this.insights.push({ type: 'interrupt', name, lang: this.state.lang });
    const top = this.state.stack[this.state.stack.length - 1];
    // Inside a resumable interrupt's own flow (emergency again), keep the place saved the first time.
    const inResumableFlow = top !== undefined && this.engine.isResumableFlow(top.f);
    if (def.resumable && top && !inResumableFlow) this.state.resume = this.state.stack.slice();
    // An emergency marks the session, so a later handoff request goes first in the queue.
    if (name === 'emergency') this.setVar('urgent', true);
    // With the menu underneath, the menu comes back when the interrupt's flow ends.
    const menu = this.engine.flows.get(this.engine.app.menu);
    this.state.stack = def.after === 'menu' && menu ? [{ f: this.engine.app.menu, n: menu.start }] : [];
    this.startFlow(def.flow);
  }

  answer(input: Input): void {
    const frame = this.top()!;
    const found = this.locate(frame);
    if (!found) return this.run();
    const { kind, node } = found;
    if (!kind.waits || !kind.answer) return this.run();

    if (input.type === 'choice' && input.id === MENU_CHOICE_ID) {
      this.state.stack = [];
      return this.startFlow(this.engine.app.menu);
    }
    const step = input.type === 'command' ? null : kind.answer(node, input, this);
    if (step) {
      if (input.type !== 'signal') this.state.misses = 0;
      return this.apply(step);
    }
    if (input.type === 'signal') return;
    this.state.misses++;
    const invalid = node.kind === 'input' ? ((node['invalid'] as string | undefined) ?? INVALID_KEYS[node['validator'] as string]) : undefined;
    this.say(
      input.type === 'location' ? ENGINE_KEYS.locationNotNeeded : (invalid ?? ENGINE_KEYS.notUnderstood),
    );
    const before = this.outputs.length;
    this.apply(kind.enter(node, this));
    if (this.state.misses >= MISSES_BEFORE_MENU) this.offerMenu(before);
  }

  /** Add a way out to the question just asked again, so a lost user is never stuck. */
  private offerMenu(from: number): void {
    const question = this.outputs[this.outputs.length - 1];
    if (!question || this.outputs.length <= from) return;
    const menu = { id: MENU_CHOICE_ID, label: this.t(ENGINE_KEYS.menuChoice) };
    this.outputs.splice(this.outputs.length - 1, 0, this.base('text', this.t(ENGINE_KEYS.offerMenu)));
    if (question.kind === 'text') question.kind = 'choice';
    question.choices = [...(question.choices ?? []), menu];
  }

  private top(): Frame | undefined {
    return this.state.stack[this.state.stack.length - 1];
  }

  /**
   * Find the frame's node. A session saved under an older flow version may point at a flow
   * or node that is gone: say so briefly and restart that flow (or open the menu).
   */
  private locate(frame: Frame): { kind: NodeKind<any>; node: FlowNode } | null {
    const flow = this.engine.flows.get(frame.f);
    const node = flow?.nodes[frame.n];
    const kind = node ? nodeKind(node.kind) : undefined;
    if (flow && node && kind) {
      this.flow = frame.f;
      this.node = frame.n;
      return { kind, node };
    }
    this.flow = frame.f;
    this.node = frame.n;
    this.say(ENGINE_KEYS.flowChanged);
    if (flow) {
      frame.n = flow.start;
    } else {
      this.state.stack = [{ f: this.engine.app.menu, n: this.engine.flows.get(this.engine.app.menu)?.start ?? '' }];
    }
    this.state.misses = 0;
    return null;
  }

  /** Enter the current node and keep going until something waits or the stack empties. */
  private run(): void {
    for (;;) {
      const frame = this.top();
      if (!frame) return;
      if (++this.steps > MAX_STEPS_PER_TURN) return this.fail();
      const found = this.locate(frame);
      if (!found) continue;
      this.insights.push({ type: 'node_reached', flow: frame.f, node: frame.n });
      const step = found.kind.enter(found.node, this);
      if (step.type === 'wait') return;
      if (!this.move(step)) return;
    }
  }

  private apply(step: Step): void {
    if (step.type === 'wait') return;
    if (this.move(step)) this.run();
  }

  /** Change position for a step; false when the conversation has nothing left to run. */
  private move(step: Step): boolean {
    const stack = this.state.stack;
    const frame = stack[stack.length - 1]!;
    switch (step.type) {
      case 'to':
        frame.n = step.node;
        return true;
      case 'call': {
        const flow = this.engine.flows.get(step.flow);
        frame.n = step.then;
        if (!flow) return true;
        stack.push({ f: step.flow, n: flow.start });
        this.insights.push({ type: 'flow_started', flow: step.flow });
        return true;
      }
      case 'jump': {
        const flow = this.engine.flows.get(step.flow);
        this.insights.push({ type: 'flow_finished', flow: frame.f });
        stack.pop();
        // The menu is home: going there leaves every flow in progress, so stacks never pile up.
        if (step.flow === this.engine.app.menu) stack.length = 0;
        if (flow) {
          stack.push({ f: step.flow, n: step.node ?? flow.start });
          this.insights.push({ type: 'flow_started', flow: step.flow });
        }
        return stack.length > 0;
      }
      case 'end':
        this.insights.push({ type: 'flow_finished', flow: frame.f });
        stack.pop();
        return stack.length > 0;
      case 'resume': {
        this.insights.push({ type: 'flow_finished', flow: frame.f });
        const back = this.state.resume;
        this.state.resume = null;
        this.current = undefined;
        if (back && back.length > 0) {
          this.state.stack = back;
        } else {
          const menu = this.engine.flows.get(this.engine.app.menu);
          this.state.stack = menu ? [{ f: this.engine.app.menu, n: menu.start }] : [];
        }
        return this.state.stack.length > 0;
      }
      case 'wait':
        return false;
    }
  }

  /** Something is wrong with the flows themselves: apologise and leave the user at rest. */
  private fail(): void {
    this.say(ENGINE_KEYS.somethingWrong);
    this.state.stack = [];
  }

  // ---- rendering ----------------------------------------------------------------------

  private render(key: string, countVar: string | undefined, extra?: Record<string, unknown>): string {
    const colon = key.indexOf(':');
    const ns = colon > 0 ? key.slice(0, colon) : this.flow;
    const bare = colon > 0 ? key.slice(colon + 1) : key;
    const { constants, localConstants } = this.engine;
    this.values ??=
      constants || localConstants
        ? { ...constants, ...localConstants?.(this.state.lang), ...this.state.vars }
        : this.state.vars;
    let values = this.values;
    if (countVar !== undefined) values = { ...values, count: this.state.vars[countVar] ?? 0 };
    if (extra) values = { ...values, ...extra };
    const texts = this.engine.texts;
    return (
      texts.render(this.state.lang, ns, bare, values) ??
      texts.render(this.state.lang, 'engine', ENGINE_KEYS.missingText.slice('engine:'.length), undefined) ??
      LAST_RESORT_TEXT
    );
  }

  private base(kind: Output['kind'], text?: string): Output {
    const o: Output = {
      kind,
      flow: this.flow,
      node: this.node,
      lang: this.state.lang,
      dir: this.engine.texts.dir(this.state.lang),
    };
    if (text !== undefined) o.text = text;
    if (this.current) o.interrupt = this.current;
    return o;
  }

  private push(kind: Output['kind'], text: string, choices: ChoiceOption[] | undefined): void {
    const o = this.base(kind, text);
    if (choices) o.choices = choices;
    this.outputs.push(o);
  }
}
