import type { Server } from 'node:http';
import type { Command } from '../command';
import { channelModules } from '../../channels';
import type { Channel } from '../../channels/channel';
import { openHaven } from '../../conversation/open';
import { FlowCheckError, formatDiagnostic } from '../../flows/diagnostics';
import { loadSecret } from '../../privacy/pseudonym';
import { loadPrivacySettings, retentionOf } from '../../privacy/settings';
import { createApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { readSettings } from '../../server/settings';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Expired sessions are swept this often. */
const SWEEP_INTERVAL_MS = 60_000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run Haven: the web server and every configured channel',
  help: `
Usage: haven serve

Checks flows and translations (refusing to start on any error), opens the database under
HAVEN_DATA_DIR, serves on PORT, and starts every channel that is configured (the web chat
always; Telegram when TELEGRAM_TOKEN is set; Bot Framework at /api/messages).

Every setting is an environment variable; see the README's Configuration section.
`,
  async run() {
    let config;
    let privacy;
    const channels: Channel[] = [];
    const modules = channelModules();
    const channelSettings = new Map<string, unknown>();
    try {
      config = loadConfig();
      privacy = loadPrivacySettings();
      for (const m of modules) channelSettings.set(m.name, readSettings(m.settings));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      process.stderr.write(`haven serve: ${e.message}\n`);
      return 1;
    }
    const log = createLogger(config.HAVEN_LOG_LEVEL);
    let haven;
    try {
      haven = openHaven({
        dataDir: config.HAVEN_DATA_DIR,
        content: { flowsDir: config.HAVEN_FLOWS_DIR, localesDir: config.HAVEN_LOCALES_DIR },
        sessionTtlMs: config.HAVEN_SESSION_TTL_MINUTES * 60_000,
        consentAge: privacy.HAVEN_CONSENT_AGE,
        retention: retentionOf(privacy),
      });
    } catch (e) {
      if (!(e instanceof FlowCheckError)) throw e;
      process.stderr.write('haven serve: refusing to start, the flow check found errors:\n');
      for (const d of e.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
      return 1;
    }
    const secret = loadSecret(config.HAVEN_PSEUDONYM_SECRET, config.HAVEN_DATA_DIR);
    if (secret.generated) {
      log.warn(
        { file: secret.file },
        'HAVEN_PSEUDONYM_SECRET is not set: generated one in the data folder. Back it up; losing or changing it forgets every session.',
      );
    }

    const app = createApp({ db: haven.db });
    const ctx = { conversations: haven.conversations, secret: secret.secret, log, dataDir: config.HAVEN_DATA_DIR };
    for (const m of modules) {
      const channel = m.create(ctx, channelSettings.get(m.name) as never);
      if (!channel) continue;
      channel.mount?.(app);
      channels.push(channel);
      log.info({ channel: m.name }, 'channel ready');
    }

    const server: Server = await new Promise((resolve) => {
      const s = app.listen(config.PORT, () => resolve(s));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    for (const c of channels) await c.start?.();
    log.info({ port }, `Haven is listening on http://localhost:${port}/`);

    const sweeper = setInterval(() => haven.conversations.sweep(), SWEEP_INTERVAL_MS);
    sweeper.unref();
    return await new Promise<number>((resolve) => {
      const stop = async (signal: string) => {
        log.info({ signal }, 'shutting down');
        clearInterval(sweeper);
        const force = setTimeout(() => resolve(1), SHUTDOWN_GRACE_MS);
        force.unref();
        server.close();
        server.closeIdleConnections();
        await Promise.allSettled(channels.map((c) => c.stop?.()));
        await new Promise<void>((r) => (server.listening ? server.once('close', () => r()) : r()));
        haven.close();
        clearTimeout(force);
        resolve(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });
  },
};
