/**
 * The caseworker console as `haven serve` runs it, in the test process: a real SQLite file, the
 * real handoff core (`openHaven`), the console module mounted on the express app on a random
 * port. People are played through the handoff core's own test flows (`HANDOFF_CONTENT`) on a
 * channel named "test" whose deliveries are recorded; caseworkers through `ConsoleClient`, a
 * small HTTP client that keeps the session cookie and CSRF token as the page does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createConsole, type CaseworkerConsole } from '../../src/console';
import type { Role } from '../../src/console/accounts';
import { openHaven, type Haven } from '../../src/conversation/open';
import { defaultContentPaths } from '../../src/flows/content';
import type { Input, Output } from '../../src/engine/types';
import { parseHours } from '../../src/handoff/hours';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { readSettings } from '../../src/server/settings';
import { consoleSettings } from '../../src/console/settings';
import { insightSettings } from '../../src/insights/settings';
import { writeContent } from '../support/content-builder';
import { HANDOFF_CONTENT } from '../support/handoff-content';
import { TestClock } from '../support/haven';
import { tempDir } from '../support/tmp';

const DAY = 24 * 60 * 60 * 1000;
const ROOT = path.join(__dirname, '..', '..');
export const PASSWORD = 'a long enough password';

const locale = (lng: string, ns: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', lng, `${ns}.json`), 'utf8'));

/** The handoff core's test flows, with the console's real words in both of their languages. */
export function consoleTestContent() {
  return writeContent({
    flows: HANDOFF_CONTENT.flows,
    locales: Object.fromEntries(Object.entries(HANDOFF_CONTENT.locales).map(([lng, ns]) => [lng, { ...ns, console: locale(lng, 'console') }])),
  });
}

export interface ConsoleServer {
  url: string;
  haven: Haven;
  console: CaseworkerConsole;
  clock: TestClock;
  logs: string[];
  /** what each person's address received outside their own turns */
  inbox: Map<string, Output[]>;
  addAccount(username: string, role?: Role, password?: string): Promise<string>;
  client(): ConsoleClient;
  /** a person who asked for a caseworker and is waiting; returns their session key */
  waitingPerson(key: string, o?: { message?: string; lang?: string }): string;
  turn(key: string, input: Input): ReturnType<Haven['conversations']['turn']>;
  stop(): Promise<void>;
}

/** `shipped`: the shipped flows in all six languages instead of the handoff test flows (`waitingPerson` then does not apply). */
export async function startConsoleServer(env: Record<string, string> = {}, o: { shipped?: boolean } = {}): Promise<ConsoleServer> {
  const clock = new TestClock(Date.UTC(2026, 10, 23, 10, 0)); // a Monday, 10:00 UTC
  const haven = openHaven({
    dataDir: tempDir('haven-console-'),
    content: o.shipped ? defaultContentPaths() : consoleTestContent(),
    clock,
    demoDirectory: false,
    handoff: { hours: parseHours('always'), timeZone: 'UTC', answerMs: 5 * 60_000, retentionMs: 30 * DAY },
  });
  const inbox = new Map<string, Output[]>();
  haven.delivery.register('test', async (address, outputs) => {
    inbox.set(address, [...(inbox.get(address) ?? []), ...outputs]);
  });
  const logs: string[] = [];
  const log = createLogger(
    'debug',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const app = createApp({ db: haven.db });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cw = createConsole(
    {
      db: haven.db,
      handoffs: haven.handoffs,
      insights: consoleInsights(haven, readSettings(insightSettings, env).HAVEN_INSIGHTS_MIN_COUNT),
      texts: haven.engine.texts,
      log,
      now: () => clock.now(),
    },
    readSettings(consoleSettings, env),
    { files: consoleFiles() },
  );
  cw.mount(app);
  await cw.start();
  const turn = (key: string, input: Input) => haven.conversations.turn(key, input, { channel: 'test', address: `addr-${key}` });
  return {
    url,
    haven,
    console: cw,
    clock,
    logs,
    inbox,
    turn,
    async addAccount(username, role = 'caseworker', password = PASSWORD) {
      const a = await cw.deps.accounts.create({ username, firstName: username[0]!.toUpperCase() + username.slice(1), role, roleTitle: role === 'supervisor' ? 'supervisor' : 'social worker', password }, clock.now());
      return a.id;
    },
    client: () => new ConsoleClient(url),
    waitingPerson(key, o = {}) {
      turn(key, { type: 'start', langHint: o.lang ?? 'en' });
      turn(key, { type: 'choice', id: 'adult' });
      turn(key, { type: 'choice', id: 'pl' });
      turn(key, { type: 'choice', id: 'yes' });
      turn(key, { type: 'choice', id: 'send' });
      turn(key, o.message ? { type: 'text', text: o.message } : { type: 'choice', id: 'skip' });
      return key;
    },
    async stop() {
      await cw.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      haven.close();
    },
  };
}

/** The anonymous counters as `haven serve` gives them to the console. */
export function consoleInsights(haven: Haven, minCount = 10) {
  return { minCount, flush: () => haven.insights.flush(), flows: haven.engine.flows };
}

/** The page's files; the script is compiled once per test run (incremental). */
export function consoleFiles() {
  buildConsoleScript();
  return {
    template: path.join(ROOT, 'public', 'console', 'index.html'),
    css: path.join(ROOT, 'public', 'console', 'console.css'),
    js: path.join(ROOT, 'dist', 'public', 'console', 'console.js'),
    icon: path.join(ROOT, 'public', 'console', 'icon.svg'),
  };
}

let built = false;
export function buildConsoleScript(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'public/console/tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the console script does not compile:\n${r.stdout}${r.stderr}`);
  built = true;
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A caseworker's browser, as far as the server can tell: the cookie, the CSRF token and the Origin header. */
export class ConsoleClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(readonly url: string) {}

  async signIn(username: string, password = PASSWORD): Promise<Answer> {
    const a = await this.request('POST', '/console/api/sign-in', { body: { username, password } });
    if (a.status === 200) {
      this.csrf = a.body.csrf;
      this.cookie = (a.headers.get('set-cookie') ?? '').split(';')[0] ?? null;
    }
    return a;
  }

  get(p: string): Promise<Answer> {
    return this.request('GET', p);
  }

  post(p: string, body?: unknown): Promise<Answer> {
    return this.request('POST', p, body === undefined ? {} : { body });
  }

  put(p: string, body: unknown): Promise<Answer> {
    return this.request('PUT', p, { body });
  }

  delete(p: string): Promise<Answer> {
    return this.request('DELETE', p);
  }

  /** A request with this client's cookie, CSRF token and Origin, each of which can be left out or replaced. */
  async request(
    method: string,
    p: string,
    o: { body?: unknown; cookie?: string | null; csrf?: string | null; origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const cookie = o.cookie === undefined ? this.cookie : o.cookie;
    const csrf = o.csrf === undefined ? this.csrf : o.csrf;
    const origin = o.origin === undefined ? (method === 'GET' ? null : this.url) : o.origin;
    if (cookie) headers['Cookie'] = cookie;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    if (origin) headers['Origin'] = origin;
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.url + p, { method, headers, ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}), redirect: 'manual' });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (the page, a stream)
    }
    return { status: res.status, body, headers: res.headers };
  }
}

/** Lists every handoff (a supervisor's view), for tests that need an id. */
export const SYSTEM_VIEWER = { id: 'test-viewer', firstName: 'Test', role: 'supervisor', roleTitle: 'test' } as const;
