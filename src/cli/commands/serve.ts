import type { Server } from 'node:http';
import type { Command } from '../command';
import { openHaven } from '../../conversation/open';
import { FlowCheckError, formatDiagnostic } from '../../flows/diagnostics';
import { ConfigError, loadConfig } from '../../server/config';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run Haven: the web server and every configured channel',
  help: `
Usage: haven serve

Checks flows and translations (refusing to start on any error), opens the database under
HAVEN_DATA_DIR and serves on PORT.

Environment:
  PORT                        port to listen on (default 3000)
  HAVEN_DATA_DIR              folder for the SQLite database (default ./data)
  HAVEN_SESSION_TTL_MINUTES   inactivity after which a session is forgotten (default 30)
  HAVEN_FLOWS_DIR             flows folder (default: the shipped flows/)
  HAVEN_LOCALES_DIR           locales folder (default: the shipped locales/)
  HAVEN_LOG_LEVEL             fatal, error, warn, info, debug or silent (default info)
`,
  async run() {
    let config;
    try {
      config = loadConfig();
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
      });
    } catch (e) {
      if (!(e instanceof FlowCheckError)) throw e;
      process.stderr.write('haven serve: refusing to start, the flow check found errors:\n');
      for (const d of e.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
      return 1;
    }
    const app = createApp({ db: haven.db });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(config.PORT, () => resolve(s));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ port, dataDir: config.HAVEN_DATA_DIR }, `Haven is listening on http://localhost:${port}/`);

    const sweeper = setInterval(() => haven.conversations.sweep(), 60_000);
    sweeper.unref();
    return await new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        log.info({ signal }, 'shutting down');
        clearInterval(sweeper);
        const force = setTimeout(() => resolve(1), SHUTDOWN_GRACE_MS);
        force.unref();
        server.close(() => {
          haven.close();
          clearTimeout(force);
          resolve(0);
        });
        server.closeIdleConnections();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};
