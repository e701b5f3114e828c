/**
 * `npm run load [-- OPTIONS]`: Haven under load, in its own process, as in production.
 *
 *   --users N         concurrent web chat conversations (default 1000)
 *   --seconds S       how long they talk (default 60)
 *   --think MIN-MAX   think time between a user's messages, in ms (default 1000-3000)
 *   --kill-at S       kill -9 the server S seconds in, start it again, and check the database,
 *                     the consents and that conversations resume
 *   --malformed N     then send N malformed requests to each endpoint and check nothing broke
 *   --url URL         load an already running Haven instead of starting one (no kill, no checks)
 *
 * Prints Markdown for bench/RESULTS.md. Exits 1 if any check fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, machine, percentile } from './bench';
import { runLoad, type LoadResult } from './load-client';
import { checkAfterCrash, checkResume, limitTexts, snapshotConsents } from './load-checks';
import { fuzz, type Endpoint } from './load-malformed';
import { freePort, startServer, type ServerProcess } from './load-server';
import { havenEndpoints } from './load-endpoints';

const SECRET = 'load-test-pseudonym-secret-of-at-least-32-characters';
const TTL_MINUTES = 30;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '60' },
      think: { type: 'string', default: '1000-3000' },
      'kill-at': { type: 'string' },
      malformed: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const users = Number(values.users);
  const seconds = Number(values.seconds);
  const [thinkMin = 1000, thinkMax = 3000] = (values.think ?? '').split('-').map(Number);
  const killAt = values['kill-at'] ? Number(values['kill-at']) : null;
  const out: string[] = [`Machine: ${machine()}`, `Date: ${new Date().toISOString().slice(0, 10)}`, ''];
  let ok = true;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-load-'));
  const port = await freePort();
  const env = {
    PORT: String(port),
    HAVEN_DATA_DIR: dataDir,
    HAVEN_PSEUDONYM_SECRET: SECRET,
    HAVEN_SESSION_TTL_MINUTES: String(TTL_MINUTES),
    HAVEN_LOG_LEVEL: 'warn',
  };
  let server: ServerProcess | null = values.url ? null : await startServer(env);
  const url = values.url ?? server?.url ?? '';
  const slowDownTexts = limitTexts();

  out.push(`## Load: ${fmt(users)} concurrent web chat conversations for ${seconds} s`, '');
  out.push(`Each user opens a conversation (POST /api/webchat/session), then answers every reply after ${thinkMin / 1000}-${thinkMax / 1000} s of thinking (POST /api/webchat/messages with \`after\`: the reply in the same round trip), mostly with buttons, sometimes with words or a location; each from its own address (X-Forwarded-For through the trusted local proxy). Haven runs as \`haven serve\` in its own process with a fresh database.`, '');

  const abort = new AbortController();
  let killed: { at: number; consentsBefore: ReturnType<typeof snapshotConsents> } | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  if (killAt !== null && server) {
    const victim = server;
    killTimer = setTimeout(() => {
      // What a second connection reads as committed just before the kill must all be there after it.
      const consentsBefore = snapshotConsents(dataDir);
      victim.child.kill('SIGKILL');
      killed = { at: Date.now(), consentsBefore };
      abort.abort();
    }, killAt * 1000);
  }
  const memoryBefore = server ? await residentMemory(url) : null;
  const load = await runLoad({ url, users, seconds, thinkMs: [thinkMin, thinkMax], signal: abort.signal, slowDownTexts, ...(killAt !== null ? { avoid: /^(delete|decline)$/ } : {}) });
  clearTimeout(killTimer);
  out.push(...loadTable(load));
  if (killAt === null) {
    const errors = [...load.errors.values()].reduce((a, b) => a + b, 0);
    if (errors > 0) ok = false;
    if (server) {
      const memoryAfter = await residentMemory(url);
      out.push('', `Server memory (resident): ${memoryBefore ?? '?'} MB before, ${memoryAfter ?? '?'} MB at the end.`);
      const turn = await serverTurnTimes(url);
      if (turn) out.push(`Server-side turn time (haven_turn_duration_seconds): ${turn}.`);
    }
  }

  if (killed !== null && server) {
    const k: { at: number; consentsBefore: ReturnType<typeof snapshotConsents> } = killed;
    await server.exited;
    const restartStarted = Date.now();
    server = await startServer(env);
    const restartMs = Date.now() - restartStarted;
    const report = checkAfterCrash({ dataDir, secret: SECRET, ttlMs: TTL_MINUTES * 60_000, users: load.users, consentsBefore: k.consentsBefore });
    server.child.kill('SIGTERM');
    const stopped = await server.exited;
    server = null;
    const resume = checkResume({ dataDir, secret: SECRET, users: load.users, sample: 200 });
    out.push(
      '',
      `### kill -9 at ${killAt} s, then a restart`,
      '',
      '| check | result |',
      '| --- | --- |',
      `| restart until /readyz answers | ${fmt(restartMs)} ms |`,
      `| \`PRAGMA integrity_check\` | ${report.integrity} |`,
      `| consents on disk before the kill (read by a second connection) | ${fmt(report.consentsBefore)}, missing after: ${report.consentsMissing} |`,
      `| users with an answered turn | ${fmt(report.usersChecked)} |`,
      `| answered turns not on disk | ${report.sessionsMissing} missing, ${report.sessionsStale} older than the last answer |`,
      `| conversations that resume at the question last asked (sample) | ${resume.resumed} of ${resume.checked} |`,
      `| graceful stop after the restart | exit code ${stopped.code} |`,
    );
    if (report.integrity !== 'ok' || report.consentsMissing || report.sessionsMissing || report.sessionsStale || resume.resumed !== resume.checked || stopped.code !== 0) ok = false;
  }

  const perEndpoint = values.malformed ? Number(values.malformed) : 0;
  if (perEndpoint > 0) {
    server ??= values.url ? null : await startServer(env);
    const target = values.url ?? server?.url ?? '';
    const endpoints: Endpoint[] = await havenEndpoints(target);
    const started = Date.now();
    const result = await fuzz({ url: target, endpoints, perEndpoint, concurrency: 32, seed: 20261122 });
    const alive = await fetch(`${target}/healthz`).then((r) => r.status === 200, () => false);
    const metrics = await fetch(`${target}/metrics`).then((r) => r.text(), () => '');
    const crashes = /haven_errors_total\{kind="(uncaught_exception|unhandled_rejection|turn|http)"\} [1-9]/.test(metrics);
    out.push(
      '',
      `## Malformed requests: ${fmt(perEndpoint)} to each of ${endpoints.length} endpoints`,
      '',
      `Endpoints: ${endpoints.map((e) => `\`${e.method} ${e.path}\``).join(', ')}.`,
      '',
      '| | |',
      '| --- | --- |',
      `| requests | ${fmt(result.sent)} in ${fmt((Date.now() - started) / 1000, 1)} s |`,
      `| answers | ${[...result.byStatus].map(([k, v]) => `${k}: ${fmt(v)}`).join(', ')} |`,
      `| 5xx answers | ${result.serverErrors.length} |`,
      `| client-side errors (connection closed on a huge body...) | ${[...result.networkErrors].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'} |`,
      `| server still alive and healthy afterwards | ${alive ? 'yes' : 'NO'} |`,
      `| unexpected errors counted by the server | ${crashes ? 'YES' : 'none'} |`,
    );
    if (result.serverErrors.length) out.push('', 'First 5xx: ' + JSON.stringify(result.serverErrors.slice(0, 5)));
    if (!alive || crashes || result.serverErrors.length) ok = false;
  }

  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  out.push('', ok ? 'All checks passed.' : '**A check FAILED.**');
  process.stdout.write(out.join('\n') + '\n');
  return ok ? 0 : 1;
}

function loadTable(r: LoadResult): string[] {
  const lat = [...r.messageLatencies].sort((a, b) => a - b);
  const start = [...r.startLatencies].sort((a, b) => a - b);
  const errors = [...r.errors].map(([k, v]) => `${k}: ${v}`).join(', ') || '0';
  return [
    '| | |',
    '| --- | --- |',
    `| conversations started | ${fmt(r.conversations)} |`,
    `| messages answered | ${fmt(lat.length)} (${fmt(lat.length / (r.elapsedMs / 1000))} per second) |`,
    `| reply latency, POST /messages | p50 ${fmt(percentile(lat, 50))} ms, p90 ${fmt(percentile(lat, 90))} ms, p99 ${fmt(percentile(lat, 99))} ms, max ${fmt(lat[lat.length - 1] ?? NaN)} ms |`,
    `| start latency, POST /session | p50 ${fmt(percentile(start, 50))} ms, p99 ${fmt(percentile(start, 99))} ms |`,
    `| "slow down" replies (per-session limit) | ${r.slowDowns} |`,
    `| errors | ${errors} |`,
  ];
}

async function residentMemory(url: string): Promise<string | null> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
  const m = /^process_resident_memory_bytes (\d+)/m.exec(text);
  return m ? fmt(Number(m[1]) / 2 ** 20) : null;
}

/** p50 and p99 estimated from the server's histogram buckets (upper bounds). */
async function serverTurnTimes(url: string): Promise<string | null> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
  const buckets = [...text.matchAll(/^haven_turn_duration_seconds_bucket\{le="([^"]+)",channel="webchat"\} (\d+)/gm)].map((m) => ({ le: m[1] ?? '', n: Number(m[2]) }));
  const total = buckets.find((b) => b.le === '+Inf')?.n ?? 0;
  if (!total) return null;
  const at = (p: number) => buckets.find((b) => b.n >= total * p)?.le ?? '?';
  const ms = (le: string) => (le === '+Inf' ? '>1000' : fmt(Number(le) * 1000, 1));
  return `${fmt(total)} turns, p50 ≤ ${ms(at(0.5))} ms, p99 ≤ ${ms(at(0.99))} ms`;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`load: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
