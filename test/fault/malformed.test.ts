/**
 * Malformed requests to every endpoint (the bounded CI run of `npm run load -- --malformed`):
 * random bytes, wrong types, prototype-pollution keys, deep nesting, huge bodies, bad UTF-8,
 * junk queries and headers, wrong methods, raw bytes that are not HTTP. Every one gets a 4xx
 * or a closed connection; none a 5xx; the process never crashes or logs an unexpected error;
 * and a real conversation works afterwards.
 */
import { havenEndpoints } from '../../bench/load-endpoints';
import { fuzz } from '../../bench/load-malformed';
import { freePort, startServer } from '../../bench/load-server';
import { FakeTelegram } from '../support/fake-telegram';
import { tempDir } from '../support/tmp';

const TOKEN = '123456:FAKE-malformed-test-token';
const WEBHOOK_SECRET = 'malformed-test-webhook-secret';
const PER_ENDPOINT = 500;

test(`${PER_ENDPOINT} malformed requests to each endpoint: no 5xx, no crash, still serving`, async () => {
  const telegram = new FakeTelegram(TOKEN);
  await telegram.start();
  const port = await freePort();
  const server = await startServer({
    PORT: String(port),
    HAVEN_DATA_DIR: tempDir('haven-malformed-'),
    HAVEN_PSEUDONYM_SECRET: 'malformed-test-secret-of-at-least-32-characters',
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  try {
    const endpoints = await havenEndpoints(server.url, { telegram: { path: '/telegram/webhook', secret: WEBHOOK_SECRET } });
    const result = await fuzz({ url: server.url, endpoints, perEndpoint: PER_ENDPOINT, concurrency: 24, seed: 8 });

    expect(result.sent).toBe(PER_ENDPOINT * endpoints.length);
    expect(result.serverErrors).toEqual([]);
    expect(result.byStatus.get('4xx') ?? 0).toBeGreaterThan(result.sent / 3);
    expect(server.child.exitCode).toBeNull();

    // Still healthy, nothing unexpected counted, and a conversation still works end to end.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    for (const kind of ['turn', 'http', 'unhandled_rejection', 'uncaught_exception']) {
      expect(metrics).toMatch(new RegExp(`^haven_errors_total\\{kind="${kind}"\\} 0$`, 'm'));
    }
    const start = await fetch(`${server.url}/api/webchat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"langHint":"fr"}' });
    expect(start.status).toBe(201);
    const { token, messages } = (await start.json()) as { token: string; messages: { choices?: { id: string }[] }[] };
    const id = messages[messages.length - 1]?.choices?.[0]?.id ?? '';
    const reply = await fetch(`${server.url}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ input: { type: 'choice', id }, after: 0 }),
    });
    expect(reply.status).toBe(200);
    expect(server.stderr()).toBe('');
    expect(server.stdout()).not.toMatch(/"level":(50|60)/); // no error or fatal log line

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await telegram.stop();
  }
}, 180_000);
