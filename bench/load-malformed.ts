/**
 * Malformed requests, thousands per endpoint: random bytes, JSON of the wrong types and shapes,
 * prototype-pollution keys, huge bodies, bad UTF-8, junk query strings and headers, wrong
 * methods, and raw bytes that are not HTTP at all. Haven must answer each with a 4xx (or
 * close the connection) and keep serving: no 5xx, no crash, no unhandled error.
 *
 * Seeded, so a failure can be replayed with the same seed.
 */
import net from 'node:net';
import { errorKind } from './load-client';

export interface Endpoint {
  name: string;
  method: string;
  path: string;
  /** a well-formed JSON body, mutated into malformed ones */
  json?: unknown;
  /** headers a real client sends (a token, a webhook secret) */
  headers?: () => Record<string, string>;
}

export interface FuzzResult {
  sent: number;
  /** responses by status class ("4xx") or "closed" */
  byStatus: Map<string, number>;
  /** every 5xx, with what was sent (for replay) */
  serverErrors: { endpoint: string; status: number; mutation: string; body?: string }[];
  /** client-side failures by kind (a connection closed on a huge body is fine) */
  networkErrors: Map<string, number>;
}

/** A small, seeded PRNG (mulberry32): the same seed sends the same requests. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Request {
  mutation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** raw bytes on a socket instead of an HTTP request */
  raw?: Buffer;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'text/plain',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  '',
];

const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u200f',
  '💥'.repeat(200),
  'a'.repeat(5000),
  '<script>alert(1)</script>',
  "'; DROP TABLE sessions; --",
  '../../etc/passwd',
  '%00%ff',
  '\ud800',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
];

export function makeRequest(e: Endpoint, r: () => number): Request {
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const headers: Record<string, string> = { ...(e.headers?.() ?? {}) };
  // Most requests come "from" many addresses (via the trusted local proxy), so the per-IP limit
  // lets them reach the routes; some come from this one address and meet the limit instead.
  if (r() < 0.9) headers['X-Forwarded-For'] = `192.0.2.${int(250)}, 198.51.100.${int(250)}`;
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const choice = int(12);
  switch (choice) {
    case 0: {
      const body = Buffer.from(Array.from({ length: int(4096) }, () => int(256)));
      return { mutation: 'random bytes', method: e.method, path: e.path, headers: { ...headers, 'Content-Type': pick(CONTENT_TYPES) }, body };
    }
    case 1:
      return { mutation: 'random JSON', method: e.method, path: e.path, headers: { ...headers, 'Content-Type': 'application/json' }, body: json(randomJson(r, 4)) };
    case 2:
      return {
        mutation: 'wrong types in the right shape',
        method: e.method,
        path: e.path,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: json(mutate(e.json ?? {}, r)),
      };
    case 3: {
      const body = Buffer.from(pick(['{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"input":{"__proto__":{"type":"text"}}}', '[' .repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)]));
      return { mutation: 'pollution and deep nesting', method: e.method, path: e.path, headers: { ...headers, 'Content-Type': 'application/json' }, body };
    }
    case 4: {
      // Huge bodies are rare: each costs real bandwidth.
      const size = r() < 0.1 ? 2 * 1024 * 1024 : pick([17 * 1024, 64 * 1024, 300 * 1024]);
      const body = Buffer.concat([Buffer.from('{"input":{"type":"text","text":"'), Buffer.alloc(size, 0x61), Buffer.from('"}}')]);
      return { mutation: `huge body (${size} bytes)`, method: e.method, path: e.path, headers: { ...headers, 'Content-Type': 'application/json' }, body };
    }
    case 5: {
      const bad = pick([Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from([0x80])]);
      const body = Buffer.concat([Buffer.from('{"input":{"type":"text","text":"hi '), bad, Buffer.from('"},"requestId":"'), bad, Buffer.from('"}')]);
      return { mutation: 'bad UTF-8', method: e.method, path: e.path, headers: { ...headers, 'Content-Type': pick(['application/json', 'application/json; charset=utf-8', 'text/plain']) }, body };
    }
    case 6: {
      const q = pick(['?after=-1', '?after=1e99', '?after=99999999999999999999', '?after=1&after=2', '?wait=abc', '?wait=99999', '?%zz=1', '?' + 'a=1&'.repeat(2000), '?after[]=1', '?after=%00']);
      return { mutation: 'junk query', method: e.method, path: e.path + q, headers, ...(e.method === 'GET' ? {} : { body: json(e.json ?? {}) }) };
    }
    case 7: {
      const h = { ...headers };
      const which = int(6);
      if (which === 0) h['Authorization'] = 'Bearer ' + 'A'.repeat(8000);
      if (which === 1) h['Authorization'] = `Bearer ${pick(WEIRD_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s)))}`;
      if (which === 2) h['Accept-Language'] = 'x'.repeat(8000);
      if (which === 3) h['Last-Event-ID'] = pick(['-1', 'NaN', '1e400', '9'.repeat(50)]);
      if (which === 4) h['Content-Encoding'] = pick(['gzip', 'deflate', 'br', 'x-unknown']);
      if (which === 5) h['X-Telegram-Bot-Api-Secret-Token'] = 'wrong';
      return { mutation: 'junk headers', method: e.method, path: e.path, headers: { ...h, 'Content-Type': 'application/json' }, body: json(e.json ?? {}) };
    }
    case 8:
      return { mutation: 'wrong method', method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'POST', 'HEAD']), path: e.path, headers };
    case 9:
      return { mutation: 'junk path', method: e.method, path: e.path + pick(['/', '//', '/..', '/%2e%2e/', '%00', '/%ff', '/' + 'x'.repeat(4000), '/ui/%E0%A4%A', '.json']), headers };
    case 10:
      return { mutation: 'raw bytes', method: e.method, path: e.path, headers, raw: rawGarbage(e, r) };
    default:
      return { mutation: 'plain', method: e.method, path: e.path, headers: { ...headers, 'Content-Type': 'application/json' }, ...(e.method === 'GET' ? {} : { body: json(mutate(e.json ?? {}, r)) }) };
  }
}

/** Bytes that are not valid HTTP, or HTTP that lies about itself. */
function rawGarbage(e: Endpoint, r: () => number): Buffer {
  const int = (n: number) => Math.floor(r() * n);
  const variants = [
    () => Buffer.from(Array.from({ length: 1 + int(2048) }, () => int(256))),
    () => Buffer.from(`${e.method} ${e.path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"short":`),
    () => Buffer.from(`${e.method} ${e.path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`),
    () => Buffer.from(`${e.method} ${e.path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n`),
    () => Buffer.from(`${e.method} ${e.path} HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`),
    () => Buffer.from(`${e.method} ${e.path} HTTP/9.9\r\n\r\n`),
    () => Buffer.from(`${e.method} ${e.path}\r\nno colon here\r\n\r\n`),
    () => Buffer.concat([Buffer.from(`${e.method} ${e.path} HTTP/1.1\r\nHost: x\r\nX-Bad: `), Buffer.from([0x00, 0xff, 0x0d]), Buffer.from('\r\n\r\n')]),
  ];
  return (variants[int(variants.length)] ?? variants[0]!)();
}

/** Replace a random leaf of `v` with a value of another type, or drop a field. */
function mutate(v: unknown, r: () => number): unknown {
  if (v === null || typeof v !== 'object') return randomJson(r, 2);
  const copy: Record<string, unknown> = Array.isArray(v) ? { ...v } : { ...(v as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys[Math.floor(r() * keys.length)];
  if (key === undefined) return randomJson(r, 2);
  const roll = r();
  if (roll < 0.2) delete copy[key];
  else if (roll < 0.6) copy[key] = mutate(copy[key], r);
  else copy[key] = randomJson(r, 2);
  return copy;
}

function randomJson(r: () => number, depth: number): unknown {
  const int = (n: number) => Math.floor(r() * n);
  const kind = depth <= 0 ? int(6) : int(8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, -1e308, 0.5, 2 ** 53 + 1, int(1000)][int(7)];
    case 3:
      return WEIRD_STRINGS[int(WEIRD_STRINGS.length)];
    case 4:
      return { type: ['text', 'choice', 'location', 'command', 'start', 'x', ''][int(7)] };
    case 5:
      return 'text';
    case 6:
      return Array.from({ length: int(5) }, () => randomJson(r, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: int(5) }, () => [['input', 'type', 'text', 'id', 'point', 'lat', 'lon', 'name', 'after', 'requestId', 'langHint', '__proto__', 'update_id', 'message'][int(14)] ?? 'x', randomJson(r, depth - 1)]));
  }
}

/** Send `perEndpoint` malformed requests to each endpoint, `concurrency` at a time. */
export async function fuzz(o: { url: string; endpoints: readonly Endpoint[]; perEndpoint: number; concurrency?: number; seed?: number; timeoutMs?: number }): Promise<FuzzResult> {
  const r = rng(o.seed ?? 1);
  const result: FuzzResult = { sent: 0, byStatus: new Map(), serverErrors: [], networkErrors: new Map() };
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const queue: { e: Endpoint; req: Request }[] = [];
  for (let i = 0; i < o.perEndpoint; i++) for (const e of o.endpoints) queue.push({ e, req: makeRequest(e, r) });
  const { hostname, port } = new URL(o.url);
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const item = queue[next++];
      if (!item) return;
      const { e, req } = item;
      result.sent++;
      const status = req.raw ? await sendRaw(hostname, Number(port), req.raw, o.timeoutMs ?? 3000) : await send(o.url, req, o.timeoutMs ?? 3000);
      if (typeof status === 'number') {
        count(result.byStatus, `${Math.floor(status / 100)}xx`);
        if (status >= 500) {
          const body = (req.raw ?? req.body)?.subarray(0, 300).toString('latin1');
          result.serverErrors.push({ endpoint: e.name, status, mutation: req.mutation, ...(body ? { body } : {}) });
        }
      } else if (status === 'closed') count(result.byStatus, 'closed');
      else count(result.networkErrors, status);
    }
  }
  await Promise.all(Array.from({ length: o.concurrency ?? 32 }, () => worker()));
  return result;
}

/** The status, 'closed' (a stream that did not end in time is fine: it was opened), or the network error. */
async function send(url: string, req: Request, timeoutMs: number): Promise<number | string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url + req.path, {
      method: req.method,
      headers: req.headers,
      ...(req.body && req.method !== 'GET' && req.method !== 'HEAD' ? { body: Uint8Array.from(req.body) } : {}),
      signal: controller.signal,
    });
    // Read (a little of) the body, so a stream that was opened is seen to work, then let it go.
    const reader = res.body?.getReader();
    if (reader) {
      await reader.read();
      await reader.cancel();
    }
    return res.status;
  } catch (e) {
    if (controller.signal.aborted) return 'closed';
    return errorKind(e);
  } finally {
    clearTimeout(timer);
  }
}

function sendRaw(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let head = '';
    const done = (v: number | string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done('closed'), timeoutMs);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (m) done(Number(m[1]));
    });
    socket.on('error', (e) => done(errorKind(e)));
    socket.on('close', () => done('closed'));
  });
}
