/**
 * The web chat as `haven serve` runs it, in the test process: checked content, a real SQLite
 * file in a temp folder, the express app on a random port, and the webchat channel module
 * created from environment-style settings. Also compiles the page's script (as `npm run
 * build` does), so a browser test never runs a stale one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Channel } from '../../src/channels/channel';
import { channel as webchat } from '../../src/channels/webchat';
import { Conversations, type ServiceFinder } from '../../src/conversation/conversations';
import { openHaven, type Haven } from '../../src/conversation/open';
import type { Texts } from '../../src/engine/texts';
import type { Clock } from '../../src/engine/types';
import { type ContentPaths, defaultContentPaths, loadContent } from '../../src/flows/content';
import { pseudonym } from '../../src/privacy/pseudonym';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { readSettings } from '../../src/server/settings';
import { DATABASE_FILE } from '../../src/store/database';
import { SqliteSessions } from '../../src/store/sessions';
import { tempDir } from '../support/tmp';

export const WEBCHAT_SECRET = 'webchat-test-secret-of-at-least-32-characters';
const ROOT = path.join(__dirname, '..', '..');

let built = false;

/** Compile public/webchat/src into dist/public/webchat/webchat.js (incremental: quick when unchanged). */
export function buildWebchatScript(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'public/webchat/tsconfig.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the web chat script does not compile:\n${r.stdout}${r.stderr}`);
  built = true;
}

export interface WebchatServer {
  url: string;
  dataDir: string;
  haven: Haven;
  conversations: Conversations;
  channel: Channel;
  /** everything logged, one JSON line per entry */
  logs: string[];
  /** the session key a token maps to */
  keyOf(token: string): string;
  /** whether the database holds a session for this token (after committing what is queued) */
  hasSession(token: string): boolean;
  /** the database file and its -wal and -shm files, as bytes */
  files(): Buffer[];
  stop(): Promise<void>;
}

export interface WebchatServerOptions {
  /** settings as environment variables; a function gets the server's URL */
  env?: Record<string, string> | ((url: string) => Record<string, string>);
  /** answers `services` events (the directory, or a fixed list in tests) */
  services?: ServiceFinder;
  clock?: Clock;
}

/** HAVEN_FLOWS_DIR / HAVEN_LOCALES_DIR, as `haven serve` reads them; the shipped content otherwise. */
export function contentPaths(): ContentPaths {
  const flowsDir = process.env['HAVEN_FLOWS_DIR'];
  const localesDir = process.env['HAVEN_LOCALES_DIR'];
  return flowsDir && localesDir ? { flowsDir, localesDir } : defaultContentPaths();
}

let texts: Texts | undefined;

/** The words of that content, loaded once. */
export function contentTexts(): Texts {
  return (texts ??= loadContent(contentPaths()).texts);
}

export async function startWebchat(o: WebchatServerOptions = {}): Promise<WebchatServer> {
  buildWebchatScript();
  const dataDir = tempDir('haven-webchat-');
  const content = contentPaths();
  const haven = openHaven({ dataDir, content, ...(o.clock ? { clock: o.clock } : {}) });
  // With a service finder, the same parts as openHaven's (privacy included) plus the finder.
  const conversations = o.services
    ? new Conversations({
        engine: haven.engine,
        sessions: new SqliteSessions(haven.db),
        services: o.services,
        ...(haven.conversations.privacy ? { privacy: haven.conversations.privacy } : {}),
        ...(o.clock ? { clock: o.clock } : {}),
      })
    : haven.conversations;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = createApp({ db: haven.db });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = typeof o.env === 'function' ? o.env(url) : (o.env ?? {});
  const settings = readSettings(webchat.settings, env);
  const channel = webchat.create({ conversations, secret: WEBCHAT_SECRET, log: createLogger('debug', sink), dataDir, delivery: haven.delivery }, settings);
  if (!channel) throw new Error('the web chat did not start');
  channel.mount?.(app);
  await channel.start?.();
  const keyOf = (token: string) => pseudonym(WEBCHAT_SECRET, 'webchat', token);
  return {
    url,
    dataDir,
    haven,
    conversations,
    channel,
    logs,
    keyOf,
    hasSession(token) {
      conversations.flush();
      return haven.db.prepare('SELECT 1 FROM sessions WHERE key = ?').get(keyOf(token)) !== undefined;
    },
    files() {
      conversations.flush();
      return ['', '-wal', '-shm']
        .map((s) => path.join(dataDir, DATABASE_FILE + s))
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f));
    },
    async stop() {
      await channel.stop?.();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      conversations.flush();
      haven.close();
    },
  };
}
