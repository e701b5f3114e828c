/**
 * SIGTERM in the middle of a load, with Telegram long polling waiting on getUpdates and event
 * streams open: Haven stops accepting, answers every request already in flight, stops the
 * Telegram runner, closes the streams, commits and checkpoints the database and exits 0, well
 * within HAVEN_SHUTDOWN_TIMEOUT_SECONDS. No answered turn is lost and the WAL is folded in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkAfterCrash } from '../../bench/load-checks';
import { runLoad, sleep } from '../../bench/load-client';
import { freePort, startServer } from '../../bench/load-server';
import { DATABASE_FILE } from '../../src/store/database';
import { FakeTelegram } from '../support/fake-telegram';
import { tempDir } from '../support/tmp';

const SECRET = 'shutdown-test-secret-of-at-least-32-characters';
const TOKEN = '123456:FAKE-shutdown-test-token';

test('SIGTERM under load: requests in flight are answered, nothing answered is lost, exit 0 in bounded time', async () => {
  const telegram = new FakeTelegram(TOKEN);
  await telegram.start();
  const dataDir = tempDir('haven-shutdown-');
  const server = await startServer({
    PORT: String(await freePort()),
    HAVEN_DATA_DIR: dataDir,
    HAVEN_PSEUDONYM_SECRET: SECRET,
    HAVEN_SHUTDOWN_TIMEOUT_SECONDS: '6',
    HAVEN_SESSION_MESSAGES_PER_MINUTE: '600',
    HAVEN_SESSION_MESSAGE_BURST: '100',
    HAVEN_LOG_LEVEL: 'info',
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
  });
  // The runner is polling: a getUpdates request is held open by the fake, as by Telegram.
  await telegram.until(() => telegram.callsOf('getUpdates').length > 0);

  // An open event stream, which would hold the server open if shutdown did not close it.
  const start = await fetch(`${server.url}/api/webchat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const { token } = (await start.json()) as { token: string };
  const stream = await fetch(`${server.url}/api/webchat/events`, { headers: { Authorization: `Bearer ${token}` } });
  expect(stream.status).toBe(200);
  const streamEnded = stream.text().then(
    () => 'ended',
    () => 'ended',
  );

  const stopLoad = new AbortController();
  const loading = runLoad({ url: server.url, users: 150, seconds: 30, thinkMs: [50, 250], rampMs: 500, signal: stopLoad.signal });
  await sleep(2500);
  const sigtermAt = Date.now();
  server.child.kill('SIGTERM');
  const exit = await server.exited;
  const stoppedAfter = Date.now() - sigtermAt;
  stopLoad.abort();
  const load = await loading;
  await telegram.stop();

  expect(exit).toEqual({ code: 0, signal: null });
  // Bounded: well inside the 6 s allowed, so nothing had to be cut.
  expect(stoppedAfter).toBeLessThan(6000);
  expect(server.stdout()).not.toContain('shutdown time is up');
  expect(server.stdout()).toContain('"msg":"stopped"');
  expect(await streamEnded).toBe('ended');

  // Under load up to the signal: every failure is a refused or closed connection after it, never an HTTP error.
  expect(load.messageLatencies.length).toBeGreaterThan(50);
  for (const kind of load.errors.keys()) expect(kind).not.toMatch(/status/);

  // Every turn that was answered is in the database, which is whole and checkpointed.
  const report = checkAfterCrash({ dataDir, secret: SECRET, ttlMs: 30 * 60_000, users: load.users, consentsBefore: [] });
  expect(report.integrity).toBe('ok');
  expect(report.usersChecked).toBeGreaterThan(50);
  expect(report.sessionsMissing).toBe(0);
  expect(report.sessionsStale).toBe(0);
  const wal = path.join(dataDir, DATABASE_FILE + '-wal');
  expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
}, 60_000);
