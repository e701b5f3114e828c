/**
 * Web chat throughput: messages per second through the web chat HTTP API (POST
 * /api/webchat/messages with the reply inline, as a polling page sends them) with every turn's
 * session committed to a real SQLite file before the reply, against a bare express JSON echo
 * route measured in the same run with the same clients, bodies and keep-alive connections.
 *
 * Each server runs in its own process (this file, forked with `--serve`), so its CPU time can
 * be measured apart from the clients', which run here. CPU time per message is the figure to
 * trust on a shared machine; messages per second depend on what else the machine is doing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { channel as webchat } from '../src/channels/webchat';
import { openHaven } from '../src/conversation/open';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { createLogger } from '../src/server/logger';
import { readSettings } from '../src/server/settings';
import { fmt, percentile, type Bench } from './bench';

/** Conversations talking at once, each over its own keep-alive connection. */
const CLIENTS = 64;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 10_000;
const SECRET = 'webchat-bench-secret-of-at-least-32-characters';
const SERVE_FLAG = '--serve';
/**
 * Each client is a person who always taps the first button (and types "menu" when there is
 * none): through onboarding, into the lessons and round them, whatever the shipped flows are.
 */
const MENU = { type: 'text', text: 'menu' };

type Target = 'webchat' | 'echo';

/** What a server process says to the bench. */
type ServerReport = { port: number } | { cpuMs: number; sessions: number };

interface Result {
  messages: number;
  seconds: number;
  latenciesMs: number[];
  errors: number;
  /** the server process's CPU time (user + system) during the measured window */
  serverCpuMs: number;
  sessions: number;
}

// ---- a server (forked process) -------------------------------------------------------------

async function serve(target: Target): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-webchat-'));
  let app: express.Express;
  let close = () => {};
  let sessions = () => 0;
  if (target === 'webchat') {
    const config = loadConfig(); // the flows and translations `haven serve` would use
    const haven = openHaven({ dataDir: dir, content: { flowsDir: config.HAVEN_FLOWS_DIR, localesDir: config.HAVEN_LOCALES_DIR } });
    app = createApp({ db: haven.db });
    const settings = readSettings(webchat.settings, { HAVEN_WEBCHAT_MAX_CONVERSATIONS: String(CLIENTS * 2) });
    const channel = webchat.create({ conversations: haven.conversations, secret: SECRET, log: createLogger('silent'), dataDir: dir }, settings);
    if (!channel) throw new Error('the web chat did not start');
    channel.mount?.(app);
    sessions = () => Number(haven.db.prepare('SELECT count(*) FROM sessions').pluck().get());
    close = () => haven.close();
  } else {
    app = express();
    app.post('/echo', express.json(), (req, res) => {
      res.json(req.body);
    });
  }
  const server = app.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }));
  let mark = process.cpuUsage();
  process.on('message', (m) => {
    if (m === 'mark') mark = process.cpuUsage();
    if (m !== 'stop') return;
    const cpu = process.cpuUsage(mark);
    report({ cpuMs: (cpu.user + cpu.system) / 1000, sessions: sessions() });
    server.closeAllConnections();
    server.close();
    close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.disconnect?.();
  });
}

function report(r: ServerReport): void {
  process.send?.(r);
}

// ---- the clients (this process) ------------------------------------------------------------

async function run(target: Target): Promise<Result> {
  const child = fork(__filename, [SERVE_FLAG, target], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<ServerReport>((resolve, reject) => {
    child.once('message', (m: ServerReport) => resolve(m));
    child.once('exit', (code) => reject(new Error(`the ${target} server exited (${code})`)));
  });
  const ready = await next();
  if (!('port' in ready)) throw new Error('no port');
  const base = `http://127.0.0.1:${ready.port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const post = (p: string, body: unknown, token?: string) => request(agent, `${base}${p}`, body, token);
  let counting = false;
  let stop = false;
  let messages = 0;
  let errors = 0;
  const latencies: number[] = [];

  async function client(): Promise<void> {
    let token = '';
    let cursor = 0;
    let input: unknown = MENU;
    const tapFirst = (said: WireMessage[]) => {
      const id = said.at(-1)?.choices?.[0]?.id;
      input = id ? { type: 'choice', id } : MENU;
    };
    if (target === 'webchat') {
      const started = await post('/api/webchat/session', { langHint: 'en' });
      token = started.token;
      cursor = started.last;
      tapFirst(started.messages);
    }
    while (!stop) {
      const t0 = performance.now();
      try {
        const reply =
          target === 'webchat'
            ? await post('/api/webchat/messages', { input, after: cursor }, token)
            : await post('/echo', { input: { type: 'choice', id: 'red_flag' }, after: cursor });
        if (target === 'webchat') {
          if (!reply.messages?.length) throw new Error('no reply');
          cursor = reply.last;
          tapFirst(reply.messages);
        }
        if (counting) {
          messages++;
          latencies.push(performance.now() - t0);
        }
      } catch {
        if (counting) errors++;
      }
    }
  }

  const clients = Array.from({ length: CLIENTS }, () => client());
  await sleep(WARM_UP_MS);
  child.send('mark');
  counting = true;
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  counting = false;
  const seconds = (performance.now() - t0) / 1000;
  const stats = next();
  child.send('stop');
  const done = await stats;
  stop = true;
  await Promise.allSettled(clients);
  agent.destroy();
  await exited(child);
  if (!('cpuMs' in done)) throw new Error('no figures from the server');
  return { messages, seconds, latenciesMs: latencies, errors, serverCpuMs: done.cpuMs, sessions: done.sessions };
}

function request(agent: http.Agent, url: string, body: unknown, token?: string): Promise<any> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 300) return reject(new Error(`HTTP ${res.statusCode}`));
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const force = setTimeout(() => child.kill(), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
  });
}

function row(name: string, r: Result): string {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const cpuUs = (r.serverCpuMs * 1000) / Math.max(1, r.messages);
  return `| ${name} | ${fmt(r.messages)} | ${fmt(r.messages / r.seconds)} | ${fmt(percentile(sorted, 50), 1)} | ${fmt(percentile(sorted, 99), 1)} | ${fmt(cpuUs)} | ${r.errors} |`;
}

export const webchatBench: Bench = {
  name: 'webchat',
  summary: `web chat API messages/s with SQLite sessions vs a bare express JSON echo, ${CLIENTS} keep-alive clients`,
  async run() {
    const chat = await run('webchat');
    const echo = await run('echo');
    const rate = (r: Result) => r.messages / r.seconds;
    const cpu = (r: Result) => r.serverCpuMs / Math.max(1, r.messages);
    return [
      `${CLIENTS} clients at once, each its own conversation over a keep-alive connection, each sending its next ` +
        `message as soon as the reply to the last arrives (${WARM_UP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured). ` +
        `A web chat message is \`POST /api/webchat/messages\` with \`after\`, so the reply carries the bot's messages; ` +
        `the turn runs the shipped flows (each client taps the first button of every question: onboarding, then the ` +
        `lessons, round and round) and its session is committed to the SQLite WAL file before the reply is sent ` +
        `(${chat.sessions} sessions on disk at the end). The echo route parses a JSON body and sends it back. Each ` +
        `server runs in its own process; the clients run in another.`,
      '',
      '| server | messages | messages/s | p50 ms | p99 ms | server CPU µs/message | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('web chat API + engine + SQLite', chat),
      row('bare express JSON echo', echo),
      '',
      `Ratio, web chat / echo, messages/s: **${fmt(rate(chat) / rate(echo), 2)}**; by server CPU per message: ` +
        `**${fmt(cpu(echo) / cpu(chat), 2)}** (target: at least 0.5). The CPU figure is what one core can do ` +
        `and barely moves with other work on the machine; messages/s does.`,
    ].join('\n');
  },
};

// Forked with --serve, this file is a server process for the bench.
if (process.argv[2] === SERVE_FLAG) {
  const target = process.argv[3];
  if (target !== 'webchat' && target !== 'echo') throw new Error(`unknown server ${target}`);
  void serve(target);
}
