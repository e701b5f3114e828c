/**
 * Web chat throughput: messages per second through the web chat HTTP API (POST
 * /api/webchat/messages with the reply inline, as a polling page sends them) with every turn's
 * session committed to a real SQLite file before the reply, against a bare express JSON echo
 * route measured in the same run with the same number of clients over keep-alive connections.
 *
 * Each server runs in its own process (this file, forked with `--serve`), so its CPU time can
 * be measured apart from the clients', which run here. Both stay up, and the load switches
 * between them in short alternating windows, so a change in what else the machine is doing
 * hits both alike; the ratio is taken per pair of windows and the median reported.
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

/** Conversations talking at once to each server, each over its own keep-alive connection. */
const CLIENTS = 64;
const WARM_UP_MS = 2_000;
/** Alternating windows: web chat, echo, web chat, echo... */
const ROUNDS = 8;
const WINDOW_MS = 2_000;
const SECRET = 'webchat-bench-secret-of-at-least-32-characters';
const SERVE_FLAG = '--serve';
/**
 * Each client is a person who always taps the first button (and types "menu" when there is
 * none): through onboarding, into the lessons and round them, whatever the shipped flows are.
 */
const MENU = { type: 'text', text: 'menu' };

type ServerKind = 'webchat' | 'echo';

/** What a server process says to the bench. */
type ServerReport = { port: number } | { cpuMs: number; sessions: number };

interface Window {
  messages: number;
  latenciesMs: number[];
  errors: number;
  seconds: number;
  /** the server process's CPU time (user + system) in this window */
  cpuMs: number;
}

// ---- a server (forked process) -------------------------------------------------------------

async function serve(target: ServerKind): Promise<void> {
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
  process.on('message', (m) => {
    const cpu = process.cpuUsage();
    if (m === 'cpu') return report({ cpuMs: (cpu.user + cpu.system) / 1000, sessions: sessions() });
    if (m !== 'stop') return;
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

/** A server process and the clients that talk to it while it is the active target. */
class LoadedServer {
  private readonly child: ChildProcess;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  private base = '';
  private active = false;
  private wake: (() => void)[] = [];
  private stopped = false;
  private clients: Promise<void>[] = [];
  private window: Window = emptyWindow();

  constructor(readonly name: ServerKind) {
    this.child = fork(__filename, [SERVE_FLAG, name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  async start(): Promise<void> {
    const ready = await this.ask(null);
    if (!('port' in ready)) throw new Error('no port');
    this.base = `http://127.0.0.1:${ready.port}`;
    this.clients = Array.from({ length: CLIENTS }, () => this.client());
  }

  /** Load this server alone for `ms`; returns what it did. */
  async measure(ms: number): Promise<Window> {
    const before = await this.cpu();
    this.window = emptyWindow();
    this.active = true;
    for (const w of this.wake.splice(0)) w();
    const t0 = performance.now();
    await sleep(ms);
    this.active = false;
    const window = this.window;
    window.seconds = (performance.now() - t0) / 1000;
    window.cpuMs = (await this.cpu()) - before;
    return window;
  }

  async sessions(): Promise<number> {
    const r = await this.ask('cpu');
    return 'sessions' in r ? r.sessions : 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.wake.splice(0)) w();
    this.child.send('stop');
    await Promise.allSettled(this.clients);
    this.agent.destroy();
    await exited(this.child);
  }

  private async cpu(): Promise<number> {
    const r = await this.ask('cpu');
    if (!('cpuMs' in r)) throw new Error('no CPU figure');
    return r.cpuMs;
  }

  private ask(message: string | null): Promise<ServerReport> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${this.name} server exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m: ServerReport) => {
        this.child.off('exit', onExit);
        resolve(m);
      });
      if (message) this.child.send(message);
    });
  }

  /** One person: waits while another server is being measured, talks while this one is. */
  private async client(): Promise<void> {
    let token = '';
    let cursor = 0;
    let input: unknown = MENU;
    const tapFirst = (said: WireMessage[]) => {
      const id = said.at(-1)?.choices?.[0]?.id;
      input = id ? { type: 'choice', id } : MENU;
    };
    while (!this.stopped) {
      if (!this.active) {
        await new Promise<void>((r) => this.wake.push(r));
        continue;
      }
      const window = this.window;
      const t0 = performance.now();
      try {
        if (this.name === 'echo') {
          await request(this.agent, `${this.base}/echo`, { input: { type: 'choice', id: 'red_flag' }, after: cursor });
        } else if (!token) {
          const started = await request(this.agent, `${this.base}/api/webchat/session`, { langHint: 'en' });
          token = started.token;
          cursor = started.last;
          tapFirst(started.messages);
          continue; // starting is not a message
        } else {
          const reply = await request(this.agent, `${this.base}/api/webchat/messages`, { input, after: cursor }, token);
          if (!reply.messages?.length) throw new Error('no reply');
          cursor = reply.last;
          tapFirst(reply.messages);
        }
        if (this.active && window === this.window) {
          window.messages++;
          window.latenciesMs.push(performance.now() - t0);
        }
      } catch {
        if (window === this.window) window.errors++;
      }
    }
  }
}

function emptyWindow(): Window {
  return { messages: 0, latenciesMs: [], errors: 0, seconds: 0, cpuMs: 0 };
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

function total(windows: Window[]): Window {
  return windows.reduce(
    (sum, w) => ({
      messages: sum.messages + w.messages,
      latenciesMs: sum.latenciesMs.concat(w.latenciesMs),
      errors: sum.errors + w.errors,
      seconds: sum.seconds + w.seconds,
      cpuMs: sum.cpuMs + w.cpuMs,
    }),
    emptyWindow(),
  );
}

const rate = (w: Window) => w.messages / w.seconds;
const cpuPerMessage = (w: Window) => w.cpuMs / Math.max(1, w.messages);
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

function row(name: string, w: Window): string {
  const sorted = [...w.latenciesMs].sort((a, b) => a - b);
  return `| ${name} | ${fmt(w.messages)} | ${fmt(rate(w))} | ${fmt(percentile(sorted, 50), 1)} | ${fmt(percentile(sorted, 99), 1)} | ${fmt(cpuPerMessage(w) * 1000)} | ${w.errors} |`;
}

export const webchatBench: Bench = {
  name: 'webchat',
  summary: `web chat API messages/s with SQLite sessions vs a bare express JSON echo, ${CLIENTS} keep-alive clients each`,
  async run() {
    const chat = new LoadedServer('webchat');
    const echo = new LoadedServer('echo');
    try {
      await Promise.all([chat.start(), echo.start()]);
      await chat.measure(WARM_UP_MS);
      await echo.measure(WARM_UP_MS);
      const chatWindows: Window[] = [];
      const echoWindows: Window[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        chatWindows.push(await chat.measure(WINDOW_MS));
        echoWindows.push(await echo.measure(WINDOW_MS));
      }
      const c = total(chatWindows);
      const e = total(echoWindows);
      const rateRatios = chatWindows.map((w, i) => rate(w) / rate(echoWindows[i]!));
      const cpuRatios = chatWindows.map((w, i) => cpuPerMessage(echoWindows[i]!) / cpuPerMessage(w));
      const sessions = await chat.sessions();
      return [
        `${CLIENTS} clients per server, each its own conversation over a keep-alive connection, each sending its next ` +
          `message as soon as the reply to the last arrives. A web chat message is \`POST /api/webchat/messages\` with ` +
          `\`after\`, so the reply carries the bot's messages; the turn runs the shipped flows (each client taps the ` +
          `first button of every question: onboarding, then the lessons, round and round) and its session is committed ` +
          `to the SQLite WAL file before the reply is sent (${sessions} sessions on disk at the end). The echo route ` +
          `parses a JSON body and sends it back. Each server is its own process; the clients run in another. The load ` +
          `alternates between the two servers in ${ROUNDS} pairs of ${WINDOW_MS / 1000}-second windows (after ` +
          `${WARM_UP_MS / 1000} s of warm-up each), so other work on the machine weighs on both alike.`,
        '',
        '| server | messages | messages/s | p50 ms | p99 ms | server CPU µs/message | errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        row('web chat API + engine + SQLite', c),
        row('bare express JSON echo', e),
        '',
        `Ratio, web chat / echo (target: at least 0.5): messages/s **${fmt(rate(c) / rate(e), 2)}** overall, ` +
          `median of the ${ROUNDS} pairs **${fmt(median(rateRatios), 2)}**; by server CPU per message ` +
          `**${fmt(cpuPerMessage(e) / cpuPerMessage(c), 2)}** overall, median **${fmt(median(cpuRatios), 2)}**.`,
      ].join('\n');
    } finally {
      await Promise.allSettled([chat.stop(), echo.stop()]);
    }
  },
};

// Forked with --serve, this file is a server process for the bench.
if (process.argv[2] === SERVE_FLAG) {
  const target = process.argv[3];
  if (target !== 'webchat' && target !== 'echo') throw new Error(`unknown server ${target}`);
  void serve(target);
}
