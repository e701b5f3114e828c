/**
 * One turn of a conversation on the host side: load the session, step the pure engine,
 * save or erase, hand the outputs to the channel. Channels call this and nothing else.
 */
import type { Engine } from '../engine/engine';
import { nodeKind } from '../engine/nodes';
import type { Clock, EngineEvent, Input, Output, ServiceCard, SessionState, Signal } from '../engine/types';
import type { HandoffService } from '../handoff/handoff-service';
import type { Insights } from '../insights/insights';
import type { PrivacyHost, TurnOrigin } from '../privacy/privacy-host';
import type { SessionRepository } from '../store/sessions';

/** Answers the engine's `services` events; the service directory implements it. */
export interface ServiceFinder {
  find(query: Extract<EngineEvent, { type: 'services' }>, lang: string): ServiceCard[];
}

export const DEFAULT_SESSION_TTL_MS = 30 * 60 * 1000;

export interface TurnResult {
  outputs: Output[];
  state: SessionState;
}

export interface ConversationOptions {
  engine: Engine;
  sessions: SessionRepository;
  clock?: Clock;
  /** inactivity after which a session is forgotten */
  ttlMs?: number;
  services?: ServiceFinder;
  /** consent ledger, consented storage, erasure and access; without it nothing is kept beyond sessions */
  privacy?: PrivacyHost;
  /** the warm handoff: queue and relay to caseworkers */
  handoffs?: HandoffService;
  /** anonymous daily counters */
  insights?: Insights;
}

export const systemClock: Clock = { now: () => Date.now() };

export class Conversations {
  readonly engine: Engine;
  private readonly sessions: SessionRepository;
  readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly services: ServiceFinder | undefined;
  readonly privacy: PrivacyHost | undefined;
  readonly handoffs: HandoffService | undefined;
  private readonly insights: Insights | undefined;

  constructor(o: ConversationOptions) {
    this.insights = o.insights;
    this.services = o.services;
    this.privacy = o.privacy;
    this.handoffs = o.handoffs;
    o.handoffs?.setSignalRunner((key, signal) => this.turn(key, { type: 'signal', name: signal }).outputs);
    this.engine = o.engine;
    this.sessions = o.sessions;
    this.clock = o.clock ?? systemClock;
    this.ttlMs = o.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  }

  /**
   * Run one input for the session under `key` (an opaque pseudonym from the adapter). The new
   * state is queued and committed with the other turns of this event-loop iteration; await
   * `committed()` before replying so that no answered turn can be lost in a crash.
   */
  turn(key: string, input: Input, origin?: TurnOrigin): TurnResult {
    const now = this.clock.now();
    const before = this.sessions.load(key, now) ?? this.privacy?.restore(key, now, (lang) => this.engine.newState(lang)) ?? null;
    const handoffWasOpen = input.type !== 'signal' && this.handoffs?.hasOpen(key) === true;
    const first = this.engine.step(before, input, this.clock);
    let { state, outputs } = first;
    this.insights?.fromEngine(first.insights);
    const host = { key, now, origin, erased: false, ended: false, signals: [] as Signal[] };
    this.handleEvents(outputs, state, host);
    if (handoffWasOpen && !host.erased && !host.ended) this.followHandoff(key, state, outputs);
    // The host's own news for this conversation (nobody can answer now), answered in the same turn.
    for (const signal of host.signals.splice(0)) {
      const next = this.engine.step(state, { type: 'signal', name: signal }, this.clock);
      state = next.state;
      this.insights?.fromEngine(next.insights);
      this.handleEvents(next.outputs, state, host);
      outputs = outputs.concat(next.outputs);
    }
    // After "delete my data", keep nothing unless the flow still has a question to ask.
    if (!host.erased || state.stack.length > 0) {
      this.sessions.save(key, state, now + this.ttlMs);
      this.privacy?.afterTurn(key, state, now);
    }
    if (host.erased && this.privacy) {
      this.sessions.flush();
      this.privacy.scrub();
    }
    return { outputs, state };
  }

  /** Act on the events a step emitted: searches, privacy, handoff requests and relayed messages. */
  private handleEvents(
    outputs: Output[],
    state: SessionState,
    host: { key: string; now: number; origin: TurnOrigin | undefined; erased: boolean; ended: boolean; signals: Signal[] },
  ): void {
    const { key, now, origin } = host;
    for (const o of outputs) {
      const event = o.event;
      if (!event) continue;
      let handoffIds: string[] = [];
      switch (event.type) {
        case 'services':
          event.results = this.services ? this.services.find(event, o.lang) : [];
          this.insights?.count('help_searched', event.category, event.country);
          // The point and place were used for this one search; they go no further.
          event.point = null;
          event.place = null;
          break;
        case 'erase':
          host.erased = true;
          this.sessions.delete(key);
          handoffIds = this.handoffs?.idsFor(key) ?? [];
          break;
        case 'handoff':
          if (!this.handoffs) break;
          if (event.action === 'end') {
            host.ended = true;
            this.handoffs.personLeft(key, 'person_ended');
          } else {
            const r = this.handoffs.request(key, event, o.lang, origin);
            this.insights?.count('handoff_requested', o.lang, event.urgent ? 'urgent' : 'normal');
            // The queue position is said as text, so every channel shows it.
            o.kind = 'text';
            o.text = r.text;
            event.message = null;
            if (r.signal) host.signals.push(r.signal);
          }
          break;
        case 'relay':
          this.handoffs?.relay(key, event.text);
          event.text = ''; // the person's words go to the caseworker only, not back to the channel
          break;
        default:
          break;
      }
      this.privacy?.handle(key, event, state, now, origin);
      if (handoffIds.length) this.handoffs?.forget(key, handoffIds);
      // "What do you keep about me?" is answered as plain text, so every channel shows it.
      if (event.type === 'access') {
        o.kind = 'text';
        o.text = (event.lines ?? []).join('\n');
      }
    }
  }

  /**
   * A person in a handoff who used an interrupt: the emergency one keeps the handoff (and puts
   * it first in the queue); leaving the chat any other way ends it, and the caseworker is told.
   */
  private followHandoff(key: string, state: SessionState, outputs: Output[]): void {
    if (outputs[0]?.interrupt === 'emergency') return this.handoffs!.emergencyUsed(key);
    const inRelay = (frames: SessionState['stack'] | null) =>
      (frames ?? []).some((f) => nodeKind(this.engine.flows.get(f.f)?.nodes[f.n]?.kind ?? '')?.kind === 'relay');
    const top = state.stack[state.stack.length - 1];
    if (!(top && inRelay([top])) && !inRelay(state.resume)) this.handoffs!.personLeft(key, 'person_left');
  }

  /** Resolves once every turn so far is saved on disk. */
  committed(): Promise<void> {
    return this.sessions.committed();
  }

  /** Save every queued turn now (before shutdown). */
  flush(): void {
    this.sessions.flush();
  }

  /** Remove expired data: sessions, and with privacy every table of personal data. */
  sweep(): number {
    const now = this.clock.now();
    // Where people stopped before their sessions expired: counted, not kept.
    if (this.insights) for (const p of this.sessions.expiredPositions(now)) this.insights.count('drop_off', p.f, p.n);
    if (!this.privacy) return this.sessions.sweep(now);
    this.sessions.flush();
    return this.privacy.eraser.sweep(now);
  }

  /** Forget a session now (quick exit, end of a test). */
  forget(key: string): void {
    this.sessions.delete(key);
  }
}
