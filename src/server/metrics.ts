/**
 * Haven's Prometheus metrics (served at /metrics). Anonymous totals only: no label ever
 * carries a user key, an id or anything a user typed. Labels take values from fixed sets
 * (typed below) or from channel names, which are checked against a pattern; anything else is
 * counted as "other". One registry per process (`metrics`); tests may make their own.
 *
 * Modules call the typed helpers: channels and `Conversations` (through the guard in
 * `guarded-conversations.ts`) count messages and turns; the handoff module sets its queue
 * length and observes waits; anything that catches an unexpected error counts it.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a channel name must look like to be a label value (the folder names under src/channels/). */
const CHANNEL_NAME = /^[a-z][a-z0-9_]{0,31}$/;

/** Kinds of unexpected errors, each a fixed label value. */
export type ErrorKind = 'turn' | 'commit' | 'http' | 'channel' | 'unhandled_rejection' | 'uncaught_exception';

/** Where a limit was hit. */
export type LimitScope = 'session' | 'ip' | 'body';

/** Groups of HTTP routes, never the path itself (a path can carry a token). */
export type RouteGroup = 'webchat' | 'telegram' | 'botframework' | 'console' | 'health' | 'metrics' | 'page' | 'other';

export class Metrics {
  readonly registry = new Registry();
  private readonly messagesIn: Counter<'channel'>;
  private readonly messagesOut: Counter<'channel'>;
  private readonly turnDuration: Histogram<'channel'>;
  private readonly errors: Counter<'kind'>;
  private readonly limited: Counter<'scope'>;
  private readonly handoffQueueLength: Gauge;
  private readonly handoffWaitSeconds: Histogram;
  private readonly httpDuration: Histogram<'route' | 'status'>;
  private activeSessionsSource: (() => number) | null = null;
  private handoffQueueSource: (() => number) | null = null;

  constructor(o: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.messagesIn = new Counter({
      name: 'haven_messages_in_total',
      help: 'Messages received from users, per channel',
      labelNames: ['channel'],
      registers,
    });
    this.messagesOut = new Counter({
      name: 'haven_messages_out_total',
      help: 'Messages sent to users (texts, questions, cards, events), per channel',
      labelNames: ['channel'],
      registers,
    });
    this.turnDuration = new Histogram({
      name: 'haven_turn_duration_seconds',
      help: 'Time to run one turn (load the session, step the engine, queue the save), per channel',
      labelNames: ['channel'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'haven_active_sessions',
      help: 'Conversations whose session has not expired',
      registers,
      collect() {
        this.set(self.read(self.activeSessionsSource));
      },
    });
    this.handoffQueueLength = new Gauge({
      name: 'haven_handoff_queue_length',
      help: 'People waiting for a caseworker',
      registers,
      collect() {
        if (self.handoffQueueSource) this.set(self.read(self.handoffQueueSource));
      },
    });
    this.handoffWaitSeconds = new Histogram({
      name: 'haven_handoff_wait_seconds',
      help: 'Time from asking for a person to a caseworker answering',
      buckets: [10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200],
      registers,
    });
    this.errors = new Counter({
      name: 'haven_errors_total',
      help: 'Unexpected errors, by kind (each is also logged)',
      labelNames: ['kind'],
      registers,
    });
    this.limited = new Counter({
      name: 'haven_rate_limited_total',
      help: 'Requests or messages refused by a limit, by scope',
      labelNames: ['scope'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'haven_http_request_duration_seconds',
      help: 'Time to answer POST requests (a turn and its commit, a webhook), by route group and status class',
      labelNames: ['route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    for (const kind of ['turn', 'commit', 'http', 'channel', 'unhandled_rejection', 'uncaught_exception'] satisfies ErrorKind[]) {
      this.errors.inc({ kind }, 0);
    }
    if (o.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** One user message reached the engine. */
  messageIn(channel: string): void {
    this.messagesIn.inc({ channel: channelLabel(channel) });
  }

  /** `count` outputs went back to the user. */
  messagesSent(channel: string, count: number): void {
    if (count > 0) this.messagesOut.inc({ channel: channelLabel(channel) }, count);
  }

  turnSeconds(channel: string, seconds: number): void {
    this.turnDuration.observe({ channel: channelLabel(channel) }, seconds);
  }

  error(kind: ErrorKind): void {
    this.errors.inc({ kind });
  }

  rateLimited(scope: LimitScope): void {
    this.limited.inc({ scope });
  }

  httpRequest(route: RouteGroup, status: number, seconds: number): void {
    this.httpDuration.observe({ route, status: `${Math.floor(status / 100)}xx` }, seconds);
  }

  /** Where the number of active sessions comes from (read at each scrape). */
  countActiveSessions(source: () => number): void {
    this.activeSessionsSource = source;
  }

  /** The handoff queue's length now; or give `source` to have it read at each scrape. */
  handoffQueue(length: number | (() => number)): void {
    if (typeof length === 'function') this.handoffQueueSource = length;
    else {
      this.handoffQueueSource = null;
      this.handoffQueueLength.set(length);
    }
  }

  /** A person waited `seconds` for a caseworker. */
  handoffWait(seconds: number): void {
    this.handoffWaitSeconds.observe(seconds);
  }

  /** The exposition text, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** A source that fails (the database is closing) reads as 0 rather than failing the scrape. */
  private read(source: (() => number) | null): number {
    if (!source) return 0;
    try {
      return source();
    } catch {
      return 0;
    }
  }
}

/** A channel name as a label value: known-looking names as they are, anything else "other". */
export function channelLabel(name: string): string {
  return CHANNEL_NAME.test(name) ? name : 'other';
}

/** The process's metrics, served at /metrics by `haven serve`. */
export const metrics = new Metrics({ processMetrics: true });
