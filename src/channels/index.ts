/** Finds every channel folder under src/channels/ (each with an index exporting `channel`). */
import fs from 'node:fs';
import path from 'node:path';
import type { ChannelModule } from './channel';

export function channelModules(dir = __dirname): ChannelModule[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((name) => {
      const entry = ['index.js', 'index.ts'].map((f) => path.join(dir, name, f)).find((f) => fs.existsSync(f));
      if (!entry) return [];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(entry) as { channel?: ChannelModule };
      return mod.channel ? [mod.channel] : [];
    });
}
