/**
 * The running Telegram channel: long polling (grammY runner) when only a token is set,
 * webhook mode when TELEGRAM_WEBHOOK_URL is set. Owns its own connection to the database
 * for the 48-hour message-id table that `/wipe` needs, and sweeps that table hourly.
 */
import { randomBytes } from 'node:crypto';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Express } from 'express';
import type { Bot } from 'grammy';
import type { Channel, ChannelContext } from '../channel';
import { openDatabase, type Db } from '../../store/database';
import { ALLOWED_UPDATES, createTelegramBot, logBotError } from './bot';
import { ChatLanguages } from './chat-language';
import { CHANNEL } from './chats';
import { setCommands } from './commands';
import { RecentMessages } from './recent-messages';
import type { TelegramSettings } from './settings';
import { webhookRouter } from './webhook';
import { TelegramWords } from './words';

/** Expired message ids are swept this often (they expire after 48 hours). */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export class TelegramChannel implements Channel {
  readonly bot: Bot;
  private readonly db: Db;
  readonly recent: RecentMessages;
  private readonly webhook: { url: string; path: string; secret: string } | null;
  private runner: RunnerHandle | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: ChannelContext,
    settings: TelegramSettings & { TELEGRAM_TOKEN: string },
  ) {
    this.db = openDatabase(ctx.dataDir);
    this.recent = new RecentMessages(this.db, ctx.conversations.clock);
    this.bot = createTelegramBot({
      token: settings.TELEGRAM_TOKEN,
      apiRoot: settings.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      conversations: ctx.conversations,
      secret: ctx.secret,
      words: new TelegramWords(ctx.conversations.engine.texts),
      recent: this.recent,
      languages: new ChatLanguages(),
      log: ctx.log,
      ...(ctx.delivery ? { delivery: ctx.delivery } : {}),
    });
    const url = settings.TELEGRAM_WEBHOOK_URL;
    this.webhook = url
      ? {
          url,
          path: new URL(url).pathname,
          // Made at each start when unset: start() hands it to Telegram with setWebhook.
          secret: settings.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(32).toString('base64url'),
        }
      : null;
  }

  get mode(): 'webhook' | 'polling' {
    return this.webhook ? 'webhook' : 'polling';
  }

  mount(app: Express): void {
    if (this.webhook) app.use(webhookRouter(this.bot, this.webhook.path, this.webhook.secret));
  }

  /**
   * Returns at once and connects in the background, so an unreachable Telegram never holds up
   * the web chat or shutdown; `ready` settles when the bot is set up. Problems are logged.
   */
  async start(): Promise<void> {
    this.sweeper = setInterval(() => this.recent.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    this.ready = this.connect();
  }

  /** Settles once the webhook is registered or polling has begun (or setting up failed). */
  ready: Promise<void> = Promise.resolve();

  private async connect(): Promise<void> {
    const log = this.ctx.log;
    try {
      await this.bot.init();
      await setCommands(this.bot.api, new TelegramWords(this.ctx.conversations.engine.texts));
      if (this.webhook) {
        await this.bot.api.setWebhook(this.webhook.url, {
          secret_token: this.webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
      } else {
        await this.bot.api.deleteWebhook();
      }
    } catch (e) {
      logBotError(log, e);
    }
    if (!this.webhook && !this.stopped) {
      this.runner = run(this.bot, {
        runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
      });
      this.runner.task()?.catch((e: unknown) => logBotError(log, e));
    }
    log.info({ channel: CHANNEL, mode: this.mode }, 'Telegram channel started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.runner?.isRunning()) await this.runner.stop();
    // In webhook mode the webhook stays set, so Telegram keeps updates until Haven is back.
    if (this.db.open) this.db.close();
  }
}
