/**
 * The `Conversations` a channel is given by `haven serve`: the same object, with every turn
 * counted in the metrics under the channel's name and held to the per-session message rate.
 *
 * Over the rate, a message is not run: the user is asked once, in their language, to slow
 * down, and further messages get no answer until the rate allows again. That protects the
 * server and, on Telegram, the bot's own sending quota that every other user shares. Words
 * that call for emergency help are never held back: they always reach the engine.
 */
import type { Conversations, TurnResult } from '../conversation/conversations';
import type { Output, SessionState } from '../engine/types';
import type { Metrics } from './metrics';
import { RateLimiter, RecentMap, DEFAULT_MAX_KEYS } from './rate-limit';

/** The namespace and key of the "slow down" message (`locales/<lng>/limits.json`). */
export const LIMITS_NAMESPACE = 'limits';
export const TOO_FAST_KEY = 'too_fast';
/** Said if a deployment's locales lack the key: never silence. */
const TOO_FAST_FALLBACK = 'You are sending messages very quickly. Please wait a moment, then send your message again.';

export interface GuardOptions {
  /** the channel's name: the `channel` label of its metrics */
  channel: string;
  metrics: Metrics;
  /** per-session message rate; without one no limit applies */
  limiter?: RateLimiter;
}

interface Recent {
  state: SessionState;
  /** asked to slow down during the current run of refused messages */
  warned: boolean;
}

export function guardConversations(conversations: Conversations, o: GuardOptions): Conversations {
  const { channel, metrics, limiter } = o;
  const recent = new RecentMap<string, Recent>();
  const engine = conversations.engine;

  const turn: Conversations['turn'] = (...args) => {
    const [key, input] = args;
    metrics.messageIn(channel);
    const started = process.hrtime.bigint();
    let result: TurnResult;
    try {
      if (limiter && !limiter.take(key, conversations.clock.now()) && !isEmergency(input)) {
        metrics.rateLimited('session');
        result = slowDown(key);
      } else {
        result = conversations.turn(...args);
        if (limiter) recent.set(key, { state: result.state, warned: false }, DEFAULT_MAX_KEYS);
      }
    } catch (e) {
      metrics.error('turn');
      throw e;
    }
    metrics.turnSeconds(channel, Number(process.hrtime.bigint() - started) / 1e9);
    metrics.messagesSent(channel, result.outputs.length);
    return result;
  };

  /** The engine's own reading of the input, on a blank state: only interrupts match there. */
  function isEmergency(input: Parameters<Conversations['turn']>[1]): boolean {
    if (input.type !== 'text' && input.type !== 'command') return false;
    return engine.step(null, input, conversations.clock).outputs.some((out) => out.interrupt === 'emergency');
  }

  function slowDown(key: string): TurnResult {
    const seen = recent.get(key);
    const state = seen?.state ?? engine.newState();
    if (seen?.warned) return { outputs: [], state };
    recent.set(key, { state, warned: true }, DEFAULT_MAX_KEYS);
    const lang = state.lang;
    const here = state.stack[state.stack.length - 1];
    const out: Output = {
      kind: 'text',
      flow: here?.f ?? '',
      node: here?.n ?? '',
      text: engine.texts.render(lang, LIMITS_NAMESPACE, TOO_FAST_KEY, undefined) ?? TOO_FAST_FALLBACK,
      lang,
      dir: engine.texts.dir(lang),
    };
    return { outputs: [out], state };
  }

  // Every other member (committed, forget, clock, engine, and whatever is added later) is the
  // original's, bound to it, so the guard never falls behind the class it stands in for.
  return new Proxy(conversations, {
    get(target, property) {
      if (property === 'turn') return turn;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
