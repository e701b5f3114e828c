/**
 * The express app's own routes and limits over real HTTP: /healthz, /readyz with a real write
 * (and its failures: a database that takes no writes, no flows, shutting down), /metrics and
 * who may read it, the body size limit, the per-IP limit (with the client address a trusted
 * proxy reports), and the last error handler (JSON, no stack, nothing of the request logged).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp, finishApp, type AppDeps } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { Metrics } from '../../src/server/metrics';
import { RateLimiter } from '../../src/server/rate-limit';
import { openDatabase, type Db } from '../../src/store/database';

interface Running {
  url: string;
  db: Db;
  app: Express;
  logs: string[];
  close(): Promise<void>;
}

async function serve(deps: Partial<AppDeps> = {}, mount?: (app: Express) => void): Promise<Running> {
  const db = deps.db ?? openDatabase(':memory:');
  const app = createApp({ metrics: new Metrics(), ...deps, db });
  mount?.(app);
  const logs: string[] = [];
  finishApp(app, {
    log: createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _e, done) {
          logs.push(chunk.toString());
          done();
        },
      }),
    ),
  });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    app,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      db.close();
    },
  };
}

describe('health', () => {
  test('/healthz is alive; /readyz writes the probe row and says ready', async () => {
    const s = await serve();
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const before = Date.now();
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(s.db.prepare('SELECT checked_at FROM health_probe WHERE id = 1').pluck().get()).toBeGreaterThanOrEqual(before);
    await s.close();
  });

  test('/readyz is 503 when the database takes no writes', async () => {
    const s = await serve();
    s.db.pragma('query_only = ON');
    const r = await fetch(`${s.url}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ status: 'unavailable', reason: 'database_not_writable' });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200); // alive, just not ready
    s.db.pragma('query_only = OFF');
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    await s.close();
  });

  test('/readyz is 503 without flows, and while shutting down', async () => {
    const s = await serve({ engine: { flows: new Map() } });
    expect(await (await fetch(`${s.url}/readyz`)).json()).toEqual({ status: 'unavailable', reason: 'no_flows' });
    await s.close();
    let draining = false;
    const t = await serve({ draining: () => draining });
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    draining = true;
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'unavailable', reason: 'shutting_down' });
    await t.close();
  });
});

describe('/metrics', () => {
  test('Prometheus text for direct requests; 403 when relayed by a proxy without the token', async () => {
    const s = await serve();
    const direct = await fetch(`${s.url}/metrics`);
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await direct.text();
    for (const name of [
      'haven_messages_in_total',
      'haven_messages_out_total',
      'haven_turn_duration_seconds',
      'haven_active_sessions',
      'haven_handoff_queue_length',
      'haven_handoff_wait_seconds',
      'haven_errors_total',
      'haven_rate_limited_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect((await fetch(`${s.url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${s.url}/metrics`, { headers: { Forwarded: 'for=203.0.113.9' } })).status).toBe(403);
    await s.close();
  });

  test('with HAVEN_METRICS_TOKEN, only the bearer of the token may read them', async () => {
    const token = 'a-metrics-token-of-some-length';
    const s = await serve({ metricsToken: token });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${s.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-of-some-length!' } })).status).toBe(403);
    const ok = await fetch(`${s.url}/metrics`, { headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': '203.0.113.9' } });
    expect(ok.status).toBe(200);
    await s.close();
  });
});

describe('limits', () => {
  test('a body larger than the limit is refused with 413 before any route reads it', async () => {
    let reached = false;
    const s = await serve({ limits: { maxBodyBytes: 1000 } }, (app) =>
      app.post('/echo', (_req, res) => {
        reached = true;
        res.json({ ok: true });
      }),
    );
    const big = await fetch(`${s.url}/echo`, { method: 'POST', body: 'x'.repeat(1001), headers: { 'Content-Type': 'text/plain' } });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: 'body_too_large', message: 'the body is larger than 1000 bytes; nothing was changed' } });
    expect(reached).toBe(false);
    expect((await fetch(`${s.url}/echo`, { method: 'POST', body: 'x'.repeat(1000) })).status).toBe(200);
    await s.close();
  });

  test('a compressed or non-UTF-8 request body is refused with 415 before any route reads it', async () => {
    let reached = false;
    const s = await serve({}, (app) =>
      app.post('/echo', (_req, res) => {
        reached = true;
        res.json({ ok: true });
      }),
    );
    for (const encoding of ['gzip', 'deflate', 'br', 'x-unknown']) {
      const r = await fetch(`${s.url}/echo`, { method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding } });
      expect(r.status).toBe(415);
    }
    for (const type of ['application/json; charset=koi8-r', 'application/json; charset=utf-16', 'text/plain; charset="latin1"']) {
      expect((await fetch(`${s.url}/echo`, { method: 'POST', body: '{}', headers: { 'Content-Type': type } })).status).toBe(415);
    }
    expect(reached).toBe(false);
    expect((await fetch(`${s.url}/echo`, { method: 'POST', body: '{}', headers: { 'Content-Encoding': 'identity' } })).status).toBe(200);
    expect((await fetch(`${s.url}/echo`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json; charset=UTF-8' } })).status).toBe(200);
    await s.close();
  });

  test('per-IP limit on the browser routes: 429 with Retry-After; other addresses and other routes unaffected', async () => {
    const s = await serve({ limits: { ipLimiter: new RateLimiter({ perMinute: 60, burst: 3 }) } }, (app) => {
      app.get('/api/webchat/ping', (_req, res) => void res.json({ ok: true }));
      app.post('/telegram/webhook', (_req, res) => void res.json({ ok: true }));
    });
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': ip } });
    for (let i = 0; i < 3; i++) expect((await fetch(`${s.url}/api/webchat/ping`, from('198.51.100.1'))).status).toBe(200);
    const limited = await fetch(`${s.url}/api/webchat/ping`, from('198.51.100.1'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // the proxy (loopback, trusted by default) reports a different client: its own allowance
    expect((await fetch(`${s.url}/api/webchat/ping`, from('198.51.100.2'))).status).toBe(200);
    // webhooks carry every user's updates from a few addresses: never limited per IP
    for (let i = 0; i < 10; i++) expect((await fetch(`${s.url}/telegram/webhook`, { method: 'POST', ...from('198.51.100.1') })).status).toBe(200);
    await s.close();
  });

  test('with HAVEN_TRUST_PROXY=false a made-up X-Forwarded-For does not dodge the limit', async () => {
    const s = await serve({ limits: { trustProxy: false, ipLimiter: new RateLimiter({ perMinute: 60, burst: 2 }) } }, (app) =>
      app.get('/api/webchat/ping', (_req, res) => void res.json({ ok: true })),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${s.url}/api/webchat/ping`, { headers: { 'X-Forwarded-For': `192.0.2.${i}` } })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    await s.close();
  });
});

describe('the last error handler', () => {
  test('unknown routes get a JSON 404; a thrown error a JSON 500 without stack or message, logged without either', async () => {
    const s = await serve({}, (app) =>
      app.get('/boom', () => {
        throw new Error('user typed: my secret address');
      }),
    );
    const missing = await fetch(`${s.url}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const boom = await fetch(`${s.url}/boom`);
    expect(boom.status).toBe(500);
    const body = await boom.text();
    expect(body).not.toContain('secret address');
    expect(body).not.toContain('.ts:');
    expect(s.logs.join('')).toContain('request failed');
    expect(s.logs.join('')).not.toContain('secret address');
    await s.close();
  });
});
