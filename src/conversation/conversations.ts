/**
 * One turn of a conversation on the host side: load the session, step the pure engine,
 * save or erase, hand the outputs to the channel. Channels call this and nothing else.
 */
import type { Engine } from '../engine/engine';
import type { Clock, EngineEvent, Input, Output, ServiceCard, SessionState } from '../engine/types';
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
}

export const systemClock: Clock = { now: () => Date.now() };

export class Conversations {
  readonly engine: Engine;
  private readonly sessions: SessionRepository;
  readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly services: ServiceFinder | undefined;

  constructor(o: ConversationOptions) {
    this.services = o.services;
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
  turn(key: string, input: Input): TurnResult {
    const now = this.clock.now();
    const before = this.sessions.load(key, now);
    const { state, outputs } = this.engine.step(before, input, this.clock);
    for (const o of outputs) {
      // The point and place are used for this one search and then dropped with the outputs.
      if (o.event?.type === 'services') {
        o.event.results = this.services ? this.services.find(o.event, o.lang) : [];
        o.event.point = null;
        o.event.place = null;
      }
    }
    if (outputs.some((o) => o.event?.type === 'erase')) this.sessions.delete(key);
    this.sessions.save(key, state, now + this.ttlMs);
    return { outputs, state };
  }

  /** Resolves once every turn so far is saved on disk. */
  committed(): Promise<void> {
    return this.sessions.committed();
  }

  /** Save every queued turn now (before shutdown). */
  flush(): void {
    this.sessions.flush();
  }

  /** Remove expired sessions; returns how many. */
  sweep(): number {
    return this.sessions.sweep(this.clock.now());
  }

  /** Forget a session now (quick exit, end of a test). */
  forget(key: string): void {
    this.sessions.delete(key);
  }
}
