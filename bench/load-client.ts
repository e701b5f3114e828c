/**
 * Virtual web chat users for load and fault tests: each one opens a conversation over the
 * HTTP API (docs/webchat-api.md) and keeps talking like a person on a phone: reads, thinks for
 * a second or three, taps a button or types a few words. Each comes from its own address
 * (X-Forwarded-For, which Haven trusts from loopback as it would from its reverse proxy), so
 * the per-IP limit sees many people, as in production.
 *
 * Every request's latency is kept; every failure is counted by kind. A user also keeps what it
 * needs to check a crash afterwards: its token, when its last answered turn was sent, and the
 * buttons it was last offered.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';

export interface LoadOptions {
  url: string;
  users: number;
  /** how long each user keeps talking */
  seconds: number;
  /** think time between messages, uniform in [min, max] ms */
  thinkMs?: [number, number];
  /** spread the users' first requests over this many ms, so they do not all arrive at once */
  rampMs?: number;
  /** button ids a user never presses (to keep every session: "delete" erases it) */
  avoid?: RegExp;
  /** stop every user at once (the server was killed on purpose) */
  signal?: AbortSignal;
  /** texts that are the server's "slow down" reply (a turn it did not run) */
  slowDownTexts?: readonly string[];
  /** button ids a user always presses when offered ("yes" to a consent question) */
  prefer?: readonly string[];
  /** every `every`th message is this command instead (`human` leads to the handoff consent) */
  command?: { name: string; every: number };
  /** filled with each user's record as it starts, to look at while the load runs */
  live?: UserRecord[];
}

export interface UserRecord {
  /** the open conversation's token (a new one after a conversation ended) */
  token: string | null;
  /** Date.now() when the last answered turn's request was sent; its session is on disk from then */
  lastAckSentAt: number;
  /** turns answered */
  acks: number;
  /** the buttons of the last answered turn's question, if it asked one */
  lastChoices: string[] | null;
  /** that message's kind (`choice`, `location`...) */
  lastKind: string | null;
  /** a message was sent and its answer has not come (yet): it may have been run and saved */
  inFlight: boolean;
}

export interface LoadResult {
  /** ms per POST /messages, in order of completion */
  messageLatencies: number[];
  /** ms per POST /session */
  startLatencies: number[];
  /** failures by kind ("status 500", "ECONNRESET"...) */
  errors: Map<string, number>;
  /** replies that were the slow-down message */
  slowDowns: number;
  conversations: number;
  users: UserRecord[];
  elapsedMs: number;
}

const LANGS = ['en', 'fr', 'es', 'ar', 'uk', 'ru'];
const TEXTS = ['hello', 'what is this?', 'I need information', 'ok', 'thanks', 'not sure', 'menu please', 'zzz', '1', '2'];

interface Message {
  seq: number;
  kind: string;
  text?: string;
  choices?: { id: string }[];
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = {
    messageLatencies: [],
    startLatencies: [],
    errors: new Map(),
    slowDowns: 0,
    conversations: 0,
    users: [],
    elapsedMs: 0,
  };
  const started = Date.now();
  const deadline = started + o.seconds * 1000;
  const [thinkMin, thinkMax] = o.thinkMs ?? [1000, 3000];
  const ramp = o.rampMs ?? Math.min(5000, o.seconds * 200);
  const slow = new Set(o.slowDownTexts ?? []);
  const fail = (kind: string) => result.errors.set(kind, (result.errors.get(kind) ?? 0) + 1);
  const stopped = () => o.signal?.aborted === true || Date.now() >= deadline;
  // Every user waits on the one stop signal.
  if (o.signal) setMaxListeners(2 * o.users + 10, o.signal);

  async function user(i: number): Promise<void> {
    const record: UserRecord = { token: null, lastAckSentAt: 0, acks: 0, lastChoices: null, lastKind: null, inFlight: false };
    result.users.push(record);
    o.live?.push(record);
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    let last = 0;
    let offered: Message | null = null;
    await sleep(Math.random() * ramp, o.signal);
    while (!stopped()) {
      if (!record.token) {
        const sent = Date.now();
        const r = await call('/api/webchat/session', ip, null, { langHint: pick(LANGS) });
        if (!r) return;
        result.startLatencies.push(Date.now() - sent);
        if (r.status !== 201) {
          fail(`session: status ${r.status}`);
          await sleep(1000, o.signal);
          continue;
        }
        const body = (await r.json()) as { token: string; last: number; messages: Message[] };
        result.conversations++;
        record.token = body.token;
        record.lastAckSentAt = sent;
        last = body.last;
        offered = body.messages[body.messages.length - 1] ?? null;
        record.lastChoices = choicesOf(offered);
        record.lastKind = offered?.kind ?? null;
      }
      await sleep(thinkMin + Math.random() * (thinkMax - thinkMin), o.signal);
      if (stopped()) return;
      const sentSoFar = record.acks + 1;
      const input = o.command && sentSoFar % o.command.every === 0 ? { type: 'command', name: o.command.name } : nextInput(offered, o.avoid, o.prefer);
      const sent = Date.now();
      record.inFlight = true;
      const r = await call('/api/webchat/messages', ip, record.token, { input, requestId: randomBytes(8).toString('hex'), after: last });
      if (!r) return;
      record.inFlight = false;
      result.messageLatencies.push(Date.now() - sent);
      if (r.status !== 200) {
        fail(`messages: status ${r.status}`);
        if (r.status === 401) record.token = null;
        await r.body?.cancel();
        continue;
      }
      const body = (await r.json()) as { last: number; ended: boolean; messages?: Message[] };
      const said = body.messages ?? [];
      if (said.length === 1 && slow.has(said[0]?.text ?? '')) {
        result.slowDowns++;
        continue; // not run: the session is as it was
      }
      record.acks++;
      record.lastAckSentAt = sent;
      last = body.last;
      // A turn ends with what the bot now waits for: the question, if any, is its last message.
      const question = said.length ? (said[said.length - 1] ?? null) : offered;
      offered = question;
      record.lastChoices = choicesOf(question);
      record.lastKind = question?.kind ?? null;
      if (body.ended) record.token = null;
    }
  }

  /** A JSON POST, or null when the run was stopped; network failures are counted and retried later. */
  async function call(path: string, ip: string, token: string | null, body: unknown): Promise<Response | null> {
    for (;;) {
      if (o.signal?.aborted) return null;
      try {
        return await fetch(o.url + path, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Forwarded-For': ip,
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
          // No abort signal here: undici would keep a listener per request on it until GC; a
          // request in flight when the server is killed fails by itself.
        });
      } catch (e) {
        if (o.signal?.aborted) return null;
        fail(errorKind(e));
        if (stopped()) return null;
        await sleep(500, o.signal);
      }
    }
  }

  await Promise.all(Array.from({ length: o.users }, (_, i) => user(i)));
  result.elapsedMs = Date.now() - started;
  return result;
}

function nextInput(offered: Message | null, avoid: RegExp | undefined, prefer: readonly string[] | undefined): unknown {
  const choices = (offered?.choices ?? []).filter((c) => !avoid?.test(c.id));
  const preferred = choices.find((c) => prefer?.includes(c.id));
  if (preferred) return { type: 'choice', id: preferred.id };
  // Mostly buttons, as people on phones do; sometimes words, which must be understood or re-asked.
  if (choices.length && Math.random() < 0.85) return { type: 'choice', id: pick(choices).id };
  if (offered?.kind === 'location' && Math.random() < 0.5) {
    return { type: 'location', point: { lat: 50 + Math.random(), lon: 19 + Math.random() } };
  }
  return { type: 'text', text: pick(TEXTS) };
}

function choicesOf(m: Message | null): string[] | null {
  return m?.choices?.length ? m.choices.map((c) => c.id) : null;
}

function pick<T>(list: readonly T[]): T {
  const v = list[Math.floor(Math.random() * list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

export function errorKind(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  return code || (cause instanceof Error ? cause.name : 'error');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
