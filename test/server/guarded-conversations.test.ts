/**
 * What `haven serve` hands each channel: the shared `Conversations`, counted in the metrics
 * under the channel's name and held to the per-session message rate. Checked with the shipped
 * flows and words: the slow-down message in the user's language, said once; emergency words
 * always through; the session untouched by a refused message; and no user key or text in
 * any metric label.
 */
import { Conversations } from '../../src/conversation/conversations';
import type { Input, SessionState } from '../../src/engine/types';
import { guardConversations } from '../../src/server/guarded-conversations';
import { channelLabel, Metrics } from '../../src/server/metrics';
import { RateLimiter } from '../../src/server/rate-limit';
import { openDatabase } from '../../src/store/database';
import { SqliteSessions } from '../../src/store/sessions';
import { SHIPPED_LANGUAGES, shippedContent, shippedEngine, TestClock } from '../support/haven';

function setup(limit?: { perMinute: number; burst: number }) {
  const clock = new TestClock();
  const sessions = new SqliteSessions(openDatabase(':memory:'));
  const conversations = new Conversations({ engine: shippedEngine(), sessions, clock });
  const metrics = new Metrics();
  const limiter = limit ? new RateLimiter(limit) : undefined;
  const guarded = (channel: string) => guardConversations(conversations, { channel, metrics, ...(limiter ? { limiter } : {}) });
  return { clock, sessions, conversations, metrics, guarded };
}

/** `name{labels} value` lines of the exposition, for Haven's own metrics. */
async function samples(metrics: Metrics): Promise<{ name: string; labels: Record<string, string>; value: number }[]> {
  const { body } = await metrics.exposition();
  return body
    .split('\n')
    .filter((l) => l.startsWith('haven_'))
    .map((l) => {
      const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`unreadable sample: ${l}`);
      const labels: Record<string, string> = {};
      for (const pair of (m[2] ?? '').match(/\w+="[^"]*"/g) ?? []) {
        const [k = '', v = ''] = pair.split('=');
        labels[k] = JSON.parse(v) as string;
      }
      return { name: m[1] ?? '', labels, value: Number(m[3]) };
    });
}

const value = async (metrics: Metrics, name: string, labels: Record<string, string> = {}) =>
  (await samples(metrics)).find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('metrics', () => {
  test('messages in and out, and turn times, are counted per channel', async () => {
    const { guarded, metrics } = setup();
    const web = guarded('webchat');
    const tg = guarded('telegram');
    let out = 0;
    out += web.turn('web-key-1', { type: 'start', langHint: 'en' }).outputs.length;
    out += web.turn('web-key-1', { type: 'text', text: 'hello there' }).outputs.length;
    const tgOut = tg.turn('tg-key-1', { type: 'start', langHint: 'fr' }).outputs.length;
    expect(await value(metrics, 'haven_messages_in_total', { channel: 'webchat' })).toBe(2);
    expect(await value(metrics, 'haven_messages_out_total', { channel: 'webchat' })).toBe(out);
    expect(await value(metrics, 'haven_messages_in_total', { channel: 'telegram' })).toBe(1);
    expect(await value(metrics, 'haven_messages_out_total', { channel: 'telegram' })).toBe(tgOut);
    expect(await value(metrics, 'haven_turn_duration_seconds_count', { channel: 'webchat' })).toBe(2);
    expect(await value(metrics, 'haven_turn_duration_seconds_count', { channel: 'telegram' })).toBe(1);
  });

  test('no label carries a user key, an id, or anything the user typed', async () => {
    const { guarded, metrics } = setup({ perMinute: 60, burst: 2 });
    metrics.countActiveSessions(() => 1);
    const canaries = ['KEY-CANARY-7f3a9', 'Zanetta Kowalczyk', '+48 601 234 567', 'ul. Polna 12'];
    // a channel name that is not a folder name is "other", whatever it holds
    for (const channel of ['webchat', 'telegram', canaries[0] ?? '', 'Web Chat!']) {
      const c = guarded(channel);
      c.turn(canaries[0] ?? '', { type: 'start' });
      for (const text of canaries) c.turn(canaries[0] ?? '', { type: 'text', text });
      c.turn(canaries[0] ?? '', { type: 'location', point: { lat: 50.0614, lon: 19.9366 } });
    }
    metrics.handoffQueue(3);
    metrics.handoffWait(42);
    const { body } = await metrics.exposition();
    for (const canary of [...canaries, '50.06', '19.93', 'Zanetta']) expect(body).not.toContain(canary);
    const allowed: Record<string, RegExp> = {
      channel: /^(webchat|telegram|botframework|other)$/,
      kind: /^(turn|commit|http|channel|unhandled_rejection|uncaught_exception)$/,
      scope: /^(session|ip|body)$/,
      route: /^(webchat|telegram|botframework|console|health|metrics|page|other)$/,
      status: /^\dxx$/,
      le: /^(\+Inf|\d+(\.\d+)?(e-?\d+)?)$/,
    };
    for (const s of await samples(metrics)) {
      for (const [k, v] of Object.entries(s.labels)) {
        expect({ label: k, known: k in allowed }).toEqual({ label: k, known: true });
        expect({ label: k, value: v, ok: allowed[k]?.test(v) }).toEqual({ label: k, value: v, ok: true });
      }
    }
    expect(channelLabel('webchat')).toBe('webchat');
    expect(channelLabel('KEY-CANARY-7f3a9')).toBe('other');
  });

  test('a turn that throws is counted as an error and still thrown', async () => {
    const failing = new SqliteSessions(openDatabase(':memory:'));
    failing.load = () => {
      throw new Error('disk I/O error');
    };
    const metrics = new Metrics();
    const c = guardConversations(new Conversations({ engine: shippedEngine(), sessions: failing }), { channel: 'webchat', metrics });
    expect(() => c.turn('k', { type: 'start' })).toThrow('disk I/O error');
    expect(await value(metrics, 'haven_errors_total', { kind: 'turn' })).toBe(1);
  });

  test('the guard is the same Conversations in every other respect', () => {
    const { guarded, conversations } = setup();
    const c = guarded('webchat');
    expect(c.engine).toBe(conversations.engine);
    expect(c.clock).toBe(conversations.clock);
    c.turn('k', { type: 'start' });
    c.forget('k');
    return expect(c.committed()).resolves.toBeUndefined();
  });
});

describe('per-session message rate', () => {
  const words = (lng: string) => shippedContent().texts.render(lng, 'limits', 'too_fast', undefined);

  test.each(SHIPPED_LANGUAGES)('over the rate: asked once to slow down in the user\'s language (%s), then quiet; the session is untouched', async (lng) => {
    const { guarded, sessions, clock, metrics } = setup({ perMinute: 6, burst: 3 });
    const c = guarded('telegram');
    const key = `user-${lng}`;
    c.turn(key, { type: 'start', langHint: lng });
    c.turn(key, { type: 'text', text: 'zzz' });
    c.turn(key, { type: 'text', text: 'zzz' });
    sessions.flush();
    const before: SessionState | null = sessions.load(key, clock.now());
    const refused = c.turn(key, { type: 'text', text: 'zzz' });
    expect(refused.outputs).toHaveLength(1);
    expect(refused.outputs[0]).toMatchObject({ kind: 'text', text: words(lng), lang: lng, dir: lng === 'ar' ? 'rtl' : 'ltr' });
    expect(words(lng)).toMatch(/SOS/);
    expect(c.turn(key, { type: 'text', text: 'zzz' }).outputs).toEqual([]);
    sessions.flush();
    expect(sessions.load(key, clock.now())).toEqual(before);
    expect(await value(metrics, 'haven_rate_limited_total', { scope: 'session' })).toBe(2);
    // ten seconds earn one message back (6 a minute)
    clock.advance(10_000);
    const again = c.turn(key, { type: 'text', text: 'zzz' });
    expect(again.outputs.some((o) => o.text === words(lng))).toBe(false);
    expect(again.outputs.length).toBeGreaterThan(0);
  });

  test.each([
    ['en', 'help me'],
    ['uk', 'допоможіть'],
    ['ar', 'ساعدني'],
    ['fr', '/sos'],
  ])('emergency words always get through, even over the rate (%s: %s)', (lng, text) => {
    const { guarded } = setup({ perMinute: 1, burst: 1 });
    const c = guarded('webchat');
    c.turn('k', { type: 'start', langHint: lng });
    expect(c.turn('k', { type: 'text', text: 'zzz' }).outputs[0]?.text).toBe(words(lng));
    const input: Input = text.startsWith('/') ? { type: 'command', name: text.slice(1) } : { type: 'text', text };
    const r = c.turn('k', input);
    expect(r.outputs.some((o) => o.interrupt === 'emergency')).toBe(true);
  });

  test('each session has its own allowance', () => {
    const { guarded } = setup({ perMinute: 1, burst: 2 });
    const c = guarded('webchat');
    for (let i = 0; i < 50; i++) {
      const key = `k${i}`;
      expect(c.turn(key, { type: 'start' }).outputs.length).toBeGreaterThan(0);
      expect(c.turn(key, { type: 'text', text: 'hello' }).outputs[0]?.text).not.toBe(words('en'));
    }
  });
});
