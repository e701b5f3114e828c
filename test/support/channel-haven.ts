/**
 * Haven as `haven serve` wires it, in the test process: checked content, a real SQLite file,
 * the express app on a real port, and one channel module created from environment-style
 * settings, mounted and started. Logs are captured so tests can check what they carry.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Channel, ChannelModule } from '../../src/channels/channel';
import { openHaven, type Haven } from '../../src/conversation/open';
import type { Clock } from '../../src/engine/types';
import type { ContentPaths } from '../../src/flows/content';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { readSettings } from '../../src/server/settings';
import { DATABASE_FILE } from '../../src/store/database';
import { tempDir } from './tmp';

export const TEST_SECRET = 'test-pseudonym-secret-of-at-least-32-characters';

export interface RunningHaven {
  haven: Haven;
  channel: Channel;
  url: string;
  dataDir: string;
  logs: string[];
  /** the database file and its -wal and -shm files, as bytes (for canary scans) */
  files(): Buffer[];
  stop(): Promise<void>;
}

export async function startChannel(
  module: ChannelModule,
  /** settings as environment variables; a function gets the server's URL (for webhook URLs) */
  env: Record<string, string> | ((url: string) => Record<string, string>),
  o: { clock?: Clock; content?: ContentPaths } = {},
): Promise<RunningHaven> {
  const dataDir = tempDir('haven-channel-');
  const haven = openHaven({ dataDir, ...(o.clock ? { clock: o.clock } : {}), ...(o.content ? { content: o.content } : {}) });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger('debug', sink);
  const app = createApp({ db: haven.db });
  // Listening first, so a webhook URL can name the port; routes mounted after still apply.
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const settings = readSettings(module.settings, typeof env === 'function' ? env(url) : env);
  const channel = module.create({ conversations: haven.conversations, secret: TEST_SECRET, log, dataDir }, settings);
  if (!channel) throw new Error(`${module.name} did not start with these settings`);
  channel.mount?.(app);
  await channel.start?.();
  return {
    haven,
    channel,
    url,
    dataDir,
    logs,
    files: () =>
      ['', '-wal', '-shm']
        .map((s) => path.join(dataDir, DATABASE_FILE + s))
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f)),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await channel.stop?.();
      haven.close();
    },
  };
}
