/**
 * One turn of a conversation on the host side: load the session, step the pure engine,
 * save or erase, hand the outputs to the channel. Channels call this and nothing else.
 */
import type { Engine } from '../engine/engine';
import type { Clock, EngineEvent, Input, Output, ServiceCard, SessionState } from '../engine/types';
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
}

export const systemClock: Clock = { now: () => Date.now() };

export class Conversations {
  readonly engine: Engine;
  private readonly sessions: SessionRepository;
  readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly services: ServiceFinder | undefined;
  readonly privacy: PrivacyHost | undefined;

  constructor(o: ConversationOptions) {
    this.services = o.services;
    this.privacy = o.privacy;
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
    const { state, outputs } = this.engine.step(before, input, this.clock);
    let erased = false;
    for (const o of outputs) {
      const event = o.event;
      if (!event) continue;
      if (event.type === 'services') {
        event.results = this.services ? this.services.find(event, o.lang) : [];
        // The point and place were used for this one search; they go no further.
        event.point = null;
        event.place = null;
      } else if (event.type === 'erase') {
        erased = true;
        this.sessions.delete(key);
      }
      this.privacy?.handle(key, event, state, now, origin);
      // "What do you keep about me?" is answered as plain text, so every channel shows it.
      if (event.type === 'access') {
        o.kind = 'text';
        o.text = (event.lines ?? []).join('\n');
      }
    }
    // After "delete my data", keep nothing unless the flow still has a question to ask.
    if (!erased || state.stack.length > 0) {
      this.sessions.save(key, state, now + this.ttlMs);
      this.privacy?.afterTurn(key, state, now);
    }
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

  /** Remove expired data: sessions, and with privacy every table of personal data. */
  sweep(): number {
    const now = this.clock.now();
    if (!this.privacy) return this.sessions.sweep(now);
    this.sessions.flush();
    return this.privacy.eraser.sweep(now);
  }

  /** Forget a session now (quick exit, end of a test). */
  forget(key: string): void {
    this.sessions.delete(key);
  }
}
