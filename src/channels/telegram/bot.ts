/**
 * The grammY bot: the Bot API server it talks to, flood limits, per-chat order, private
 * chats only. Shared by polling and webhook mode, by the tests and by the benchmark.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import { Bot, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../server/logger';
import type { Delivery } from '../../conversation/delivery';
import { CHANNEL, TelegramChats, type ChatDeps } from './chats';

/** Updates Haven asks Telegram for; anything else is never fetched. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * Telegram asks bots to stay near one message per second per chat, with short bursts allowed,
 * and 30 per second overall; a 429 answer carries `retry_after`, which auto-retry honours.
 */
export const FLOOD_LIMITS: APIThrottlerOptions = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1000 },
  // A turn is 2-5 requests to one chat: at most 4 a second there, one after the other, so a
  // reply arrives quickly without bursting past what Telegram tolerates.
  out: { maxConcurrent: 1, minTime: 250 },
};

export interface TelegramBotOptions extends ChatDeps {
  token: string;
  apiRoot: string;
  /** known bot identity (skips getMe; the benchmark) */
  botInfo?: UserFromGetMe;
  /** flood limits; `false` only where no Telegram server is behind the API (the benchmark) */
  throttle?: APIThrottlerOptions | false;
  /** where to register delivery to a chat outside a turn (handoff messages) */
  delivery?: Delivery;
}

export function createTelegramBot(o: TelegramBotOptions): Bot {
  const bot = new Bot(o.token, { client: { apiRoot: o.apiRoot }, ...(o.botInfo ? { botInfo: o.botInfo } : {}) });
  // Installed last runs first: a retried request goes through the throttler again.
  if (o.throttle !== false) bot.api.config.use(apiThrottler(o.throttle ?? FLOOD_LIMITS));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  // One chat's updates in order (a press right after a message must see its effect);
  // different chats in parallel.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  const chats = new TelegramChats(o);
  o.delivery?.register(CHANNEL, (address, outputs) => chats.deliver(bot.api, address, outputs));
  const privateChats = bot.chatType('private');
  privateChats.on('message', (ctx) => chats.message(ctx));
  privateChats.on('callback_query:data', (ctx) => chats.callback(ctx));
  // Groups, channels and anything else: ignored. A button press elsewhere only stops its spinner.
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery().catch(() => undefined));

  bot.catch((err) => logBotError(o.log, err.error));
  return bot;
}

/** Log what went wrong without the update or the request payload (names, text, chat ids). */
export function logBotError(log: Logger, error: unknown): void {
  if (error instanceof GrammyError) {
    log.error({ channel: CHANNEL, method: error.method, code: error.error_code, description: error.description }, 'Telegram refused a request');
  } else if (error instanceof HttpError) {
    log.error({ channel: CHANNEL, err: 'HttpError' }, 'Telegram could not be reached');
  } else {
    log.error({ channel: CHANNEL, err: error instanceof Error ? error.name : typeof error }, 'Telegram update failed');
  }
}
