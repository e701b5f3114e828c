/**
 * Web chat throughput: messages per second through the web chat HTTP API (POST
 * /api/webchat/messages with the reply inline, as a polling page sends them) with every turn's
 * session committed to a real SQLite file before the reply, against a bare express JSON echo
 * route measured in the same run with the same clients, bodies and keep-alive connections.
 *
 * The server runs in this thread; the clients run in a worker thread (another core), so the
 * load generator does not eat the server's time.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
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
/**
 * Each client is a person who always taps the first button (and types "menu" when there is
 * none): through onboarding, into the lessons and round them, whatever the shipped flows are.
 */
const MENU = { type: 'text', text: 'menu' };

interface LoadJob {
  webchatLoad: true;
  base: string;
  target: 'webchat' | 'echo';
}

interface LoadResult {
  messages: number;
  seconds: number;
  latenciesMs: number[];
  errors: number;
}

// ---- the clients (worker thread) ------------------------------------------------------------

if (!isMainThread && (workerData as LoadJob | undefined)?.webchatLoad) {
  void runLoad(workerData as LoadJob).then((r) => parentPort!.postMessage(r));
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const post = (p: string, body: unknown, token?: string) => request(agent, `${job.base}${p}`, body, token);
  let counting = false;
  let stop = false;
  let messages = 0;
  let errors = 0;
  const latencies: number[] = [];

  async function client(): Promise<void> {
    let token = '';
    let cursor = 0;
    let input: unknown = MENU;
    const tapFirst = (messages: WireMessage[]) => {
      const id = messages.at(-1)?.choices?.[0]?.id;
      input = id ? { type: 'choice', id } : MENU;
    };
    if (job.target === 'webchat') {
      const started = await post('/api/webchat/session', { langHint: 'en' });
      token = started.token;
      cursor = started.last;
      tapFirst(started.messages);
    }
    while (!stop) {
      const t0 = performance.now();
      try {
        const reply =
          job.target === 'webchat'
            ? await post('/api/webchat/messages', { input, after: cursor }, token)
            : await post('/echo', { input: { type: 'choice', id: 'red_flag' }, after: cursor });
        if (job.target === 'webchat') {
          if (!reply.messages?.length) throw new Error('no reply');
          cursor = reply.last;
          tapFirst(reply.messages);
        }
        if (counting) {
          messages++;
          latencies.push(performance.now() - t0);
        }
      } catch {
        errors++;
      }
    }
  }

  const clients = Array.from({ length: CLIENTS }, () => client());
  await sleep(WARM_UP_MS);
  counting = true;
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  counting = false;
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(clients);
  agent.destroy();
  return { messages, seconds, latenciesMs: latencies, errors };
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

// ---- the servers (main thread) -------------------------------------------------------------

function load(job: Omit<LoadJob, 'webchatLoad'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { webchatLoad: true, ...job } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function listen(app: express.Express): Promise<{ server: http.Server; base: string }> {
  const server: http.Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function summary(name: string, r: LoadResult): string {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return `| ${name} | ${fmt(r.messages)} | ${fmt(r.messages / r.seconds)} | ${fmt(percentile(sorted, 50), 1)} | ${fmt(percentile(sorted, 99), 1)} | ${r.errors} |`;
}

export const webchatBench: Bench = {
  name: 'webchat',
  summary: `web chat API messages/s with SQLite sessions vs a bare express JSON echo, ${CLIENTS} keep-alive clients`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-webchat-'));
    const config = loadConfig(); // the flows and translations `haven serve` would use
    const haven = openHaven({ dataDir: dir, content: { flowsDir: config.HAVEN_FLOWS_DIR, localesDir: config.HAVEN_LOCALES_DIR } });
    try {
      const app = createApp({ db: haven.db });
      const settings = readSettings(webchat.settings, { HAVEN_WEBCHAT_MAX_CONVERSATIONS: String(CLIENTS * 2) });
      const log = createLogger('silent');
      const channel = webchat.create({ conversations: haven.conversations, secret: SECRET, log, dataDir: dir }, settings);
      if (!channel) throw new Error('the web chat did not start');
      channel.mount?.(app);
      const chat = await listen(app);
      const chatResult = await load({ base: chat.base, target: 'webchat' });
      await channel.stop?.();
      chat.server.closeAllConnections();
      chat.server.close();

      const echoApp = express();
      echoApp.post('/echo', express.json(), (req, res) => {
        res.json(req.body);
      });
      const echo = await listen(echoApp);
      const echoResult = await load({ base: echo.base, target: 'echo' });
      echo.server.closeAllConnections();
      echo.server.close();

      const turnsOnDisk = haven.db.prepare('SELECT count(*) FROM sessions').pluck().get();
      const ratio = chatResult.messages / chatResult.seconds / (echoResult.messages / echoResult.seconds);
      return [
        `${CLIENTS} clients at once, each its own conversation over a keep-alive connection, each sending its next ` +
          `message as soon as the reply to the last arrives (${WARM_UP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured). ` +
          `A web chat message is \`POST /api/webchat/messages\` with \`after\`, so the reply carries the bot's messages; ` +
          `the turn runs the shipped flows (each client taps the first button of every question: onboarding, then the ` +
          `lessons, round and round) and its session is committed to the ` +
          `SQLite WAL file before the reply is sent. The echo route parses the same JSON body and sends it back. ` +
          `Clients run in a worker thread. ${turnsOnDisk} sessions on disk at the end.`,
        '',
        '| server | messages | messages/s | p50 ms | p99 ms | errors |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        summary('web chat API + engine + SQLite', chatResult),
        summary('bare express JSON echo', echoResult),
        '',
        `Ratio, web chat / echo: **${fmt(ratio, 2)}** (target: at least 0.5).`,
      ].join('\n');
    } finally {
      haven.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
