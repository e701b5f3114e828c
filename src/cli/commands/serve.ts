import type { Server } from 'node:http';
import type { Command } from '../command';
import { channelModules } from '../../channels';
import type { Channel } from '../../channels/channel';
import { consoleModule } from '../../console';
import { openHaven } from '../../conversation/open';
import { FlowCheckError, formatDiagnostic } from '../../flows/diagnostics';
import { loadSecret } from '../../privacy/pseudonym';
import { loadHandoffSettings } from '../../handoff/settings';
import { loadInsightSettings } from '../../insights/settings';
import { loadPrivacySettings, retentionOf } from '../../privacy/settings';
import { assertSettings } from '../../server/all-settings';
import { createApp, finishApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { pathProblems } from '../../server/config-paths';
import { guardConversations } from '../../server/guarded-conversations';
import { createHttpServer } from '../../server/http-limits';
import { createLogger, errorFields } from '../../server/logger';
import { metrics } from '../../server/metrics';
import { installProcessGuards } from '../../server/process-guards';
import { RateLimiter } from '../../server/rate-limit';
import { readSettings } from '../../server/settings';
import { SqliteSessions } from '../../store/sessions';

/** Expired sessions are swept this often. */
const SWEEP_INTERVAL_MS = 60_000;
/** After shutdown, if something still holds the event loop open, exit anyway after this. */
const EXIT_AFTER_MS = 2_000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run Haven: the web server and every configured channel',
  help: `
Usage: haven serve

Checks every setting and the flows and translations (refusing to start on any error), opens
the database under HAVEN_DATA_DIR, serves on PORT, and starts every channel that is
configured (the web chat always; Telegram when TELEGRAM_TOKEN is set; Bot Framework at
/api/messages). /healthz, /readyz and /metrics are for the operator.

On SIGTERM or SIGINT it stops accepting connections, lets requests in flight finish (at most
HAVEN_SHUTDOWN_TIMEOUT_SECONDS), stops the channels, and closes the database cleanly.

Every setting is an environment variable (or a line of HAVEN_CONFIG_FILE); .env.example lists
them all, and \`haven config check\` checks them without starting.
`,
  async run() {
    let config;
    let privacy;
    let consoleConfig;
    let handoff;
    let insightConfig;

    let warnings: string[];
    const channels: Channel[] = [];
    const modules = channelModules();
    const channelSettings = new Map<string, unknown>();
    try {
      warnings = assertSettings(process.env).warnings;
      config = loadConfig();
      privacy = loadPrivacySettings();
      handoff = loadHandoffSettings();
      insightConfig = loadInsightSettings();
      for (const m of modules) channelSettings.set(m.name, readSettings(m.settings));
      consoleConfig = readSettings(consoleModule.settings);
      const paths = pathProblems(config);
      if (paths.length) throw new ConfigError(paths);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      process.stderr.write(`haven serve: ${e.message}\n`);
      return 1;
    }
    const log = createLogger(config.HAVEN_LOG_LEVEL);
    for (const w of warnings) log.warn(w);
    let haven;
    try {
      haven = openHaven({
        dataDir: config.HAVEN_DATA_DIR,
        content: { flowsDir: config.HAVEN_FLOWS_DIR, localesDir: config.HAVEN_LOCALES_DIR },
        sessionTtlMs: config.HAVEN_SESSION_TTL_MINUTES * 60_000,
        consentAge: privacy.HAVEN_CONSENT_AGE,
        retention: retentionOf(privacy),
        handoff: {
          hours: handoff.HAVEN_HANDOFF_HOURS,
          timeZone: handoff.HAVEN_HANDOFF_TIMEZONE,
          answerMs: handoff.HAVEN_HANDOFF_ANSWER_MINUTES * 60_000,
          retentionMs: handoff.HAVEN_RETAIN_HANDOFF_DAYS * 24 * 60 * 60 * 1000,
          ...(handoff.HAVEN_REFERRAL_URL && handoff.HAVEN_REFERRAL_SECRET
            ? { referral: { url: handoff.HAVEN_REFERRAL_URL, secret: handoff.HAVEN_REFERRAL_SECRET, onFailure: (id: string, error: string) => log.error({ handoff: id, error }, 'referral not delivered') } }
            : {}),
        },
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

    let draining = false;
    const app = createApp({
      db: haven.db,
      engine: haven.engine,
      metrics,
      limits: {
        trustProxy: config.HAVEN_TRUST_PROXY,
        maxBodyBytes: config.HAVEN_MAX_BODY_KB * 1024,
        ipLimiter: new RateLimiter({ perMinute: config.HAVEN_IP_REQUESTS_PER_MINUTE, burst: config.HAVEN_IP_REQUEST_BURST }),
      },
      ...(config.HAVEN_METRICS_TOKEN ? { metricsToken: config.HAVEN_METRICS_TOKEN } : {}),
      draining: () => draining,
    });
    const sessionCount = new SqliteSessions(haven.db);
    metrics.countActiveSessions(() => sessionCount.count(Date.now()));
    metrics.handoffQueue(() => haven.handoffs.waitingCount());
    haven.handoffs.onWait = (seconds) => metrics.handoffWait(seconds);
    // One limiter for every channel: a session key belongs to one channel anyway.
    const sessionLimiter = new RateLimiter({
      perMinute: config.HAVEN_SESSION_MESSAGES_PER_MINUTE,
      burst: config.HAVEN_SESSION_MESSAGE_BURST,
    });
    for (const m of modules) {
      const conversations = guardConversations(haven.conversations, { channel: m.name, metrics, limiter: sessionLimiter });
      const ctx = { conversations, secret: secret.secret, log, dataDir: config.HAVEN_DATA_DIR, delivery: haven.delivery };
      const channel = m.create(ctx, channelSettings.get(m.name) as never);
      if (!channel) continue;
      channel.mount?.(app);
      channels.push(channel);
      log.info({ channel: m.name }, 'channel ready');
    }
    // The caseworker console (/console): its own module, mounted, started and stopped like a channel.
    const insights = { minCount: insightConfig.HAVEN_INSIGHTS_MIN_COUNT, flush: () => haven.insights.flush(), flows: haven.engine.flows };
    const desk = consoleModule.create({ db: haven.db, handoffs: haven.handoffs, insights, texts: haven.engine.texts, log, now: () => haven.conversations.clock.now() }, consoleConfig);
    desk.mount(app);
    channels.push(desk);
    finishApp(app, { log });

    let server: Server;
    try {
      server = await new Promise<Server>((resolve, reject) => {
        const s = createHttpServer(app, { requestTimeoutMs: config.HAVEN_REQUEST_TIMEOUT_SECONDS * 1000 });
        s.once('listening', () => resolve(s));
        s.once('error', reject);
        if (config.HAVEN_HOST) s.listen(config.PORT, config.HAVEN_HOST);
        else s.listen(config.PORT);
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`haven serve: cannot listen on ${config.HAVEN_HOST ?? '*'}:${config.PORT} (${code ?? 'error'}): ${code === 'EADDRINUSE' ? 'the port is in use; set PORT' : 'check PORT and HAVEN_HOST'}\n`);
      haven.close();
      return 1;
    }
    server.on('error', (e) => log.error({ err: errorFields(e) }, 'server error'));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    for (const c of channels) await c.start?.();
    // Waiting people are offered helplines when nobody answers in time.
    haven.handoffs.start();
    log.info({ port }, `Haven is listening on http://localhost:${port}/`);

    const sweeper = setInterval(() => haven.conversations.sweep(), SWEEP_INTERVAL_MS);
    sweeper.unref();
    const shutdownMs = config.HAVEN_SHUTDOWN_TIMEOUT_SECONDS * 1000;
    return await new Promise<number>((resolve) => {
      let cutNow: (() => void) | null = null;
      const stop = async (why: string, code: number) => {
        if (cutNow) {
          // A second signal: the operator wants it over now. Cut the connections; the database still closes cleanly.
          log.warn({ signal: why }, 'second stop signal: closing connections now');
          cutNow();
          return;
        }
        draining = true;
        log.info({ signal: why }, 'shutting down: no new connections, finishing requests in flight');
        clearInterval(sweeper);
        let deadline!: NodeJS.Timeout;
        const cut = new Promise<void>((r) => {
          cutNow = () => {
            clearTimeout(deadline);
            server.closeAllConnections();
            r();
          };
          deadline = setTimeout(() => {
            log.warn({ afterMs: shutdownMs }, 'shutdown time is up: closing the connections still open');
            cutNow?.();
          }, shutdownMs);
        });
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        // Channels stop their background work (Telegram's runner finishes the updates it holds) and close streams.
        await Promise.race([Promise.allSettled(channels.map((c) => c.stop?.())), cut]);
        await Promise.race([closed, cut]);
        clearTimeout(deadline);
        // Every turn answered so far is committed, the WAL folded into the database file, and the file closed.
        try {
          haven.close();
        } catch (e) {
          log.error({ err: errorFields(e) }, 'the database did not close cleanly');
          code = 1;
        }
        guards.remove();
        log.info({ code }, 'stopped');
        // Anything still holding the event loop (a stuck socket, a library's timer) must not keep the process alive.
        setTimeout(() => process.exit(code), EXIT_AFTER_MS).unref();
        resolve(code);
      };
      const guards = installProcessGuards({ log, metrics, fatal: () => void stop('uncaughtException', 1) });
      process.on('SIGTERM', () => void stop('SIGTERM', 0));
      process.on('SIGINT', () => void stop('SIGINT', 0));
    });
  },
};
