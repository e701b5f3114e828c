/**
 * The web chat's HTTP API over real HTTP, with a real SQLite file: starting, sending, the
 * event stream and polling, reconnecting with the token, retries, quick exit, DELETE, expiry,
 * and every kind of bad input (which must change nothing). Also the page itself: headers,
 * size, discreet-mode settings. docs/webchat-api.md documents what is tested here.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ConfigError, readSettings } from '../../src/server/settings';
import { webchatSettings } from '../../src/channels/webchat/settings';
import { TestClock } from '../support/haven';
import { startWebchat, type WebchatServer } from './webchat-harness';

let server: WebchatServer;
const clock = new TestClock();

beforeAll(async () => {
  server = await startWebchat({ clock, env: { HAVEN_WEBCHAT_MAX_CONVERSATIONS: '50' } });
});

afterAll(async () => {
  await server?.stop();
});

const t = (lang: string, ns: string, key: string, values?: Record<string, unknown>) =>
  server.haven.engine.texts.render(lang, ns, key, values) ?? `${ns}:${key}`;

interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = any>(method: string, path: string, o: { token?: string; json?: unknown; raw?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers['Authorization'] = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['Content-Type'] = 'application/json';
  }
  if (o.raw !== undefined) {
    body = o.raw;
    headers['Content-Type'] = o.type ?? 'application/json';
  }
  const res = await fetch(server.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** The newest seq each test conversation has seen. */
const cursors = new Map<string, number>();

async function start(langHint = 'en'): Promise<{ token: string; reply: WireStartReply }> {
  const r = await call<WireStartReply>('POST', '/api/webchat/session', { json: { langHint } });
  expect(r.status).toBe(201);
  cursors.set(r.body.token, r.body.last);
  return { token: r.body.token, reply: r.body };
}

const send = (token: string, input: unknown, extra: Record<string, unknown> = {}) =>
  call<WireMessagesReply>('POST', '/api/webchat/messages', { token, json: { input, ...extra } });

/** Send, asking for the reply's messages inline (as a polling page does): this turn's messages. */
async function say(token: string, input: unknown): Promise<WireMessage[]> {
  const r = await send(token, input, { after: cursors.get(token) ?? 0 });
  expect(r.status).toBe(200);
  cursors.set(token, r.body.last);
  return r.body.messages ?? [];
}

/** An event stream read with node:http: every event as it comes. */
function openStream(token: string, headers: Record<string, string> = {}) {
  const events: { id: string | null; event: string; data: any }[] = [];
  let buffer = '';
  let closed = false;
  let status = 0;
  let contentType = '';
  const req = http.get(`${server.url}/api/webchat/events`, { headers: { Authorization: `Bearer ${token}`, ...headers } }, (res) => {
    status = res.statusCode ?? 0;
    contentType = String(res.headers['content-type']);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const e = { id: null as string | null, event: 'message', data: '' as any };
        let hasData = false;
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) e.id = line.slice(4);
          if (line.startsWith('event: ')) e.event = line.slice(7);
          if (line.startsWith('data: ')) {
            e.data = JSON.parse(line.slice(6));
            hasData = true;
          }
        }
        if (hasData) events.push(e);
      }
    });
    res.on('end', () => (closed = true));
  });
  req.on('error', () => (closed = true));
  return {
    events,
    get closed() {
      return closed;
    },
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    async until(check: () => boolean, ms = 5000) {
      const end = Date.now() + ms;
      while (!check()) {
        if (Date.now() > end) throw new Error(`stream: timed out with ${events.length} events`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => req.destroy(),
  };
}

describe('starting', () => {
  test('POST /session returns a token and the greeting in the language hinted', async () => {
    const { token, reply } = await start('uk-UA,uk;q=0.9,en;q=0.5');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(reply.last).toBe(1);
    expect(reply.messages).toEqual([
      expect.objectContaining({ seq: 1, kind: 'choice', lang: 'uk', dir: 'ltr', text: t('uk', 'language', 'choose') }),
    ]);
    expect(reply.messages[0]!.choices!.map((c) => c.id)).toEqual(['en', 'fr', 'es', 'ar', 'uk', 'ru']);
    // The database holds the session under the pseudonym of the token, never the token.
    expect(server.hasSession(token)).toBe(true);
    expect(Buffer.concat(server.files()).includes(token)).toBe(false);
  });

  test('without a hint, the Accept-Language header chooses; Arabic comes right to left', async () => {
    const r = await call<WireStartReply>('POST', '/api/webchat/session', { headers: { 'Accept-Language': 'ar-SY,ar;q=0.9' } });
    expect(r.status).toBe(201);
    expect(r.body.messages[0]).toMatchObject({ lang: 'ar', dir: 'rtl', text: t('ar', 'language', 'choose') });
  });

  test('refuses more open conversations than configured, with 503', async () => {
    const busy = await startWebchat({ env: { HAVEN_WEBCHAT_MAX_CONVERSATIONS: '2' } });
    try {
      const post = () => fetch(`${busy.url}/api/webchat/session`, { method: 'POST' });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const third = await post();
      expect(third.status).toBe(503);
      expect(await third.json()).toMatchObject({ error: { code: 'busy' } });
    } finally {
      await busy.stop();
    }
  });
});

describe('talking', () => {
  test('replies come on the event stream, numbered, with the POST saying how far they go', async () => {
    const { token } = await start();
    const stream = openStream(token);
    await stream.until(() => stream.events.length === 1); // the greeting, kept for whoever connects
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.events[0]).toMatchObject({ id: '1', event: 'message', data: { seq: 1, kind: 'choice' } });

    const r = await send(token, { type: 'choice', id: 'en' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ last: 3, ended: false, erased: false }); // no `after`: the messages come on the stream
    await stream.until(() => stream.events.length === 3);
    expect(stream.events.slice(1).map((e) => [e.id, e.data.kind, e.data.text])).toEqual([
      ['2', 'text', t('en', 'onboarding', 'welcome')],
      ['3', 'choice', t('en', 'onboarding', 'who')],
    ]);
    stream.close();
  });

  test('a stream that reconnects with Last-Event-ID gets only what it missed', async () => {
    const { token } = await start();
    await send(token, { type: 'choice', id: 'en' });
    const stream = openStream(token, { 'Last-Event-ID': '2' });
    await stream.until(() => stream.events.length === 1);
    expect(stream.events.map((e) => e.id)).toEqual(['3']);
    stream.close();
    const byQuery = await fetch(`${server.url}/api/webchat/events?after=3`, { headers: { Authorization: `Bearer ${token}` } });
    expect(byQuery.status).toBe(200);
    await byQuery.body?.cancel();
  });

  test('polling: GET /messages returns what is after the cursor; a long poll waits for the next message', async () => {
    const { token } = await start();
    const all = await call<WireMessagesReply>('GET', '/api/webchat/messages?after=0', { token });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ last: 1, ended: false, erased: false, messages: [{ seq: 1 }] });

    const waiting = call<WireMessagesReply>('GET', '/api/webchat/messages?after=1&wait=10', { token });
    await new Promise((r) => setTimeout(r, 100));
    await send(token, { type: 'choice', id: 'fr' });
    const woke = await waiting;
    expect(woke.body.messages!.map((m) => m.seq)).toEqual([2, 3]);
    expect(woke.body.messages![0]!.text).toBe(t('fr', 'onboarding', 'welcome'));

    // With nothing new, a short long poll answers with none.
    const quiet = await call<WireMessagesReply>('GET', '/api/webchat/messages?after=3&wait=1', { token });
    expect(quiet.body).toEqual({ last: 3, ended: false, erased: false, messages: [] });
  });

  test('POST with `after` carries the reply inline (one round trip for polling pages)', async () => {
    const { token } = await start();
    const r = await send(token, { type: 'choice', id: 'es' }, { after: 1 });
    expect(r.body.messages!.map((m) => [m.seq, m.lang])).toEqual([
      [2, 'es'],
      [3, 'es'],
    ]);
  });

  test('a reconnect with the token carries on the same conversation', async () => {
    const { token } = await start();
    await say(token, { type: 'choice', id: 'en' });
    // A page reload: no cursor, so everything kept comes back, then the conversation goes on.
    const again = await call<WireMessagesReply>('GET', '/api/webchat/messages', { token });
    expect(again.body.messages!.map((m) => m.seq)).toEqual([1, 2, 3]);
    const next = await say(token, { type: 'choice', id: 'age_13_17' });
    expect(next.map((m) => m.text)).toContain(t('en', 'menu', 'main'));
  });

  test('a retried request (same requestId) is answered again, not run twice', async () => {
    const { token } = await start();
    await say(token, { type: 'choice', id: 'en' }); // at "who is chatting?"
    const first = await send(token, { type: 'choice', id: 'age_13_17' }, { requestId: 'req-1', after: 3 });
    expect(first.body.messages!.at(-1)!.text).toBe(t('en', 'menu', 'main'));
    const retry = await send(token, { type: 'choice', id: 'age_13_17' }, { requestId: 'req-1', after: 3 });
    expect(retry.body).toEqual(first.body);
    // Run twice, the second would have been an answer the menu does not understand.
    const now = await call<WireMessagesReply>('GET', '/api/webchat/messages?after=0', { token });
    expect(now.body.last).toBe(first.body.last);
    // A new request id is a new message.
    const again = await send(token, { type: 'choice', id: 'age_13_17' }, { requestId: 'req-2', after: first.body.last });
    expect(again.body.messages![0]!.text).toBe(t('en', 'engine', 'not_understood'));
  });

  test('text, commands and a language change by text all work', async () => {
    const { token } = await start();
    await say(token, { type: 'choice', id: 'en' });
    const menu = await say(token, { type: 'text', text: 'menu' });
    expect(menu.at(-1)!.text).toBe(t('en', 'menu', 'main'));
    const lang = await say(token, { type: 'command', name: 'language' });
    expect(lang.at(-1)!.text).toBe(t('en', 'language', 'choose'));
    const ar = await say(token, { type: 'choice', id: 'ar' });
    expect(ar.at(-1)).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });
});

describe('bad input changes nothing', () => {
  let token: string;
  beforeAll(async () => {
    ({ token } = await start());
    await say(token, { type: 'choice', id: 'en' }); // now at "who is chatting?"
  });

  const cases: [string, () => Promise<Reply>, number, string][] = [
    ['malformed JSON', () => call('POST', '/api/webchat/messages', { token, raw: '{"input": {"type": "text", ' }), 400, 'bad_json'],
    ['JSON that is not an object', () => call('POST', '/api/webchat/messages', { token, raw: '"hello"' }), 400, 'bad_json'],
    ['an unknown input type', () => send(token, { type: 'sticker', id: 'x' }), 400, 'invalid_request'],
    ['no input at all', () => call('POST', '/api/webchat/messages', { token, json: { text: 'hi' } }), 400, 'invalid_request'],
    ['a choice id with odd characters', () => send(token, { type: 'choice', id: '../../etc' }), 400, 'invalid_request'],
    ['a location off the globe', () => send(token, { type: 'location', point: { lat: 91, lon: 0 } }), 400, 'invalid_request'],
    ['an empty text', () => send(token, { type: 'text', text: '   ' }), 400, 'empty_text'],
    ['text over 4 KB', () => send(token, { type: 'text', text: 'é'.repeat(2049) }), 413, 'text_too_long'],
    ['a body over 16 KB', () => send(token, { type: 'text', text: 'x'.repeat(17 * 1024) }), 413, 'body_too_large'],
    ['a form instead of JSON', () => call('POST', '/api/webchat/messages', { token, raw: 'input=hi', type: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
    ['no token', () => call('POST', '/api/webchat/messages', { json: { input: { type: 'text', text: 'hi' } } }), 401, 'unknown_token'],
    ['a made-up token', () => send('A'.repeat(43), { type: 'text', text: 'hi' }), 401, 'unknown_token'],
    ['a bad cursor', () => call('GET', '/api/webchat/messages?after=-1', { token }), 400, 'invalid_request'],
    ['too long a wait', () => call('GET', '/api/webchat/messages?wait=600', { token }), 400, 'invalid_request'],
    ['an unknown route', () => call('GET', '/api/webchat/nothing', { token }), 404, 'not_found'],
  ];

  test.each(cases)('%s', async (_name, request, status, code) => {
    const before = await call<WireMessagesReply>('GET', '/api/webchat/messages', { token });
    const r = await request();
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ error: { code, message: expect.any(String) } });
    const after = await call<WireMessagesReply>('GET', '/api/webchat/messages', { token });
    expect(after.body.last).toBe(before.body.last);
  });

  test('after all of that, the conversation carries on from where it was', async () => {
    const next = await say(token, { type: 'choice', id: 'age_13_17' });
    expect(next.map((m) => m.text)).toEqual([t('en', 'onboarding', 'privacy'), t('en', 'menu', 'main')]);
  });

  test('exactly 4 KB of text is accepted; unknown fields are ignored', async () => {
    const r = await send(token, { type: 'text', text: 'x'.repeat(4096), mood: 'sunny' }, { colour: 'blue' });
    expect(r.status).toBe(200);
  });
});

describe('ending', () => {
  test('quick exit (text/plain body, as sendBeacon sends it) forgets the session and the token', async () => {
    const { token } = await start();
    const stream = openStream(token);
    await stream.until(() => stream.events.length === 1);
    const r = await call('POST', '/api/webchat/end', { raw: token, type: 'text/plain;charset=UTF-8' });
    expect(r.status).toBe(204);
    expect(server.hasSession(token)).toBe(false);
    await stream.until(() => stream.closed);
    expect(stream.events.at(-1)).toMatchObject({ event: 'end', data: { reason: 'exited' } });
    expect((await send(token, { type: 'text', text: 'hi' })).status).toBe(401);
    expect((await call('GET', '/api/webchat/messages', { token })).status).toBe(401);
  });

  test('quick exit with a token this server no longer knows still forgets its session', async () => {
    const { token } = await start();
    // The live conversation is gone (as after a restart) but the session is on disk.
    await call('POST', '/api/webchat/end', { token });
    await server.conversations.turn(server.keyOf(token), { type: 'start' });
    server.conversations.flush();
    expect(server.hasSession(token)).toBe(true);
    expect((await call('POST', '/api/webchat/end', { raw: token, type: 'text/plain' })).status).toBe(204);
    expect(server.hasSession(token)).toBe(false);
  });

  test('DELETE erases the session, ends the conversation and says so inline', async () => {
    const { token } = await start();
    await say(token, { type: 'choice', id: 'en' });
    const stream = openStream(token);
    await stream.until(() => stream.events.length === 3);
    const r = await send(token, { type: 'text', text: 'DELETE' });
    expect(r.body).toMatchObject({ ended: true, erased: true, last: 4 });
    expect(r.body.messages!.map((m) => m.text)).toEqual([t('en', 'delete', 'done')]);
    await stream.until(() => stream.closed);
    expect(stream.events.map((e) => e.event)).toEqual(['message', 'message', 'message', 'message', 'end']);
    expect(stream.events.at(-1)!.data).toEqual({ reason: 'erased' });
    expect(server.hasSession(token)).toBe(false);
    expect((await call('GET', '/api/webchat/messages', { token })).status).toBe(401);
  });

  test('the token expires with the session', async () => {
    const { token } = await start();
    clock.advance(29 * 60_000);
    expect((await say(token, { type: 'choice', id: 'en' })).length).toBe(2); // a turn: both live on
    clock.advance(29 * 60_000);
    expect((await call('GET', '/api/webchat/messages', { token })).status).toBe(200);
    clock.advance(2 * 60_000);
    expect((await call('GET', '/api/webchat/messages', { token })).status).toBe(401);
  });
});

describe('the page', () => {
  test('GET / is the chat page with a strict CSP and no cookies, in the browser language', async () => {
    const r = await fetch(`${server.url}/`, { headers: { 'Accept-Language': 'ru' } });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<html lang="ru" dir="ltr">');
    expect(html).toContain(`<title>${t('ru', 'webchat', 'title')}</title>`);
    const csp = r.headers.get('content-security-policy')!;
    for (const d of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "form-action 'none'"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('set-cookie')).toBeNull();
    // No inline script: only a JSON data block, and scripts from this origin.
    expect(html.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script defer src="\/webchat\/webchat\.js\?v=/), '<script type="application/json" id="chat-config">']);
    expect(html).not.toMatch(/\son\w+=|style=|https?:\/\/(?!www\.bbc\.co\.uk\/weather)/);
  });

  test('everything the page loads is under 50 KB even uncompressed, and much less gzipped', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    const urls = ['/', ...[...page.matchAll(/(?:href|src)="(\/webchat\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))];
    expect(urls).toHaveLength(4); // the page, its icon, style and script
    let plain = 0;
    let gzipped = 0;
    for (const url of urls) {
      const raw = await rawGet(url, {});
      const gz = await rawGet(url, { 'Accept-Encoding': 'gzip' });
      expect(raw.status).toBe(200);
      plain += raw.body.length + raw.headerBytes;
      gzipped += gz.body.length + gz.headerBytes;
      if (gz.encoding === 'gzip') expect(gunzipSync(gz.body).equals(raw.body)).toBe(true);
    }
    const greeting = await call('POST', '/api/webchat/session', { json: { langHint: 'en' } });
    plain += JSON.stringify(greeting.body).length + 1000;
    expect(plain).toBeLessThan(50 * 1024);
    expect(gzipped).toBeLessThan(20 * 1024);
  });

  test('assets are cached by content hash; a matching ETag gets 304', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    const js = page.match(/src="([^"]+)"/)![1]!;
    const r = await rawGet(js, {});
    expect(r.headers['cache-control']).toBe('public, max-age=604800, immutable');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const again = await rawGet(js, { 'If-None-Match': String(r.headers['etag']) });
    expect(again.status).toBe(304);
  });

  test('the page words come from locales/<lng>/webchat.json, for any shipped language', async () => {
    const r = await call<WireUi>('GET', '/api/webchat/ui/ar');
    expect(r.body).toMatchObject({ lang: 'ar', dir: 'rtl', title: t('ar', 'webchat', 'title'), botName: t('ar', 'webchat', 'bot_name') });
    expect(r.body.strings['exit']).toBe(t('ar', 'webchat', 'exit'));
    expect((await call('GET', '/api/webchat/ui/xx')).status).toBe(404);
  });
});

describe('discreet mode', () => {
  test('title, bot name, icon and quick exit site are configurable, and escaped', async () => {
    const custom = await startWebchat({
      env: {
        HAVEN_PAGE_TITLE: 'Weather & News',
        HAVEN_BOT_NAME: 'Sam "the" helper',
        HAVEN_PAGE_ICON: require('node:path').join(__dirname, '..', '..', 'public', 'webchat', 'icon.svg'),
        HAVEN_QUICK_EXIT_URL: 'https://example.org/?a=1&b=2',
      },
    });
    try {
      const html = await (await fetch(`${custom.url}/`, { headers: { 'Accept-Language': 'fr' } })).text();
      expect(html).toContain('<title>Weather &#38; News</title>');
      expect(html).toContain('Sam &#34;the&#34; helper');
      expect(html).toContain('href="https://example.org/?a=1&#38;b=2"');
      const ui = await (await fetch(`${custom.url}/api/webchat/ui/uk`)).json();
      expect(ui).toMatchObject({ title: 'Weather & News', botName: 'Sam "the" helper' });
    } finally {
      await custom.stop();
    }
  });

  test('by default: a neutral title and name, and a neutral exit site', async () => {
    const html = await (await fetch(`${server.url}/`, { headers: { 'Accept-Language': 'en' } })).text();
    expect(html).toContain('<title>Chat</title>');
    expect(html).toContain('>Assistant</p>');
    expect(html).toContain('href="https://www.bbc.co.uk/weather"');
    expect(html).not.toMatch(/haven|traffick|exploit|abuse/i);
  });

  test('unsafe settings stop start-up with the variable named', () => {
    const bad = (env: Record<string, string>) => () => readSettings(webchatSettings, env);
    expect(bad({ HAVEN_QUICK_EXIT_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
    expect(bad({ HAVEN_QUICK_EXIT_URL: '//evil.example' })).toThrow(/HAVEN_QUICK_EXIT_URL/);
    expect(bad({ HAVEN_PAGE_TITLE: '<script>' })).toThrow(/HAVEN_PAGE_TITLE/);
    expect(bad({ HAVEN_PAGE_ICON: './icon.gif' })).toThrow(/HAVEN_PAGE_ICON/);
    expect(readSettings(webchatSettings, { HAVEN_QUICK_EXIT_URL: '/goodbye' }).HAVEN_QUICK_EXIT_URL).toBe('/goodbye');
  });
});

test('what the person typed reaches neither the database nor the logs', async () => {
  const canary = 'canary-webchat-7f3a9e';
  const { token } = await start();
  await say(token, { type: 'choice', id: 'en' });
  await say(token, { type: 'text', text: `my name is ${canary}` });
  await send(token, { type: 'text', text: `${canary} `.repeat(1000) }); // refused: too long
  await call('POST', '/api/webchat/messages', { token, raw: `{"input": "${canary}` }); // malformed
  const files = Buffer.concat(server.files());
  expect(files.includes(canary)).toBe(false);
  expect(files.includes(token)).toBe(false);
  expect(server.logs.join('')).not.toContain(canary);
  expect(server.logs.join('')).not.toContain(token);
});

function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; headerBytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(server.url + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            headerBytes: res.rawHeaders.join(': ').length + 20,
            encoding: res.headers['content-encoding'],
          }),
        );
      })
      .on('error', reject);
  });
}
