/** The Telegram channel's environment variables. Without a token the channel stays off. */
import { z } from 'zod';
import { defineSettings, urlSetting, type SettingsOf } from '../../server/settings';

/** Telegram's own rule for `secret_token`: 1-256 characters of A-Z, a-z, 0-9, _ and -. */
export const WEBHOOK_SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

export const telegramSettings = defineSettings({
  TELEGRAM_TOKEN: {
    schema: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC-DEF... (from @BotFather)'),
    example: '123456789:AAE-your-token-from-BotFather',
    doc: 'bot token from @BotFather; the Telegram channel runs only when it is set',
    secret: true,
  },
  TELEGRAM_WEBHOOK_URL: {
    schema: urlSetting().refine((u) => !new URL(u).search, 'must not carry a query string'),
    example: 'https://haven.example.org/telegram/webhook',
    doc: 'public HTTPS address Telegram posts updates to; unset means long polling',
  },
  TELEGRAM_WEBHOOK_SECRET: {
    schema: z.string().regex(WEBHOOK_SECRET_PATTERN, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -'),
    example: 'a-long-random-string_of-letters-and-digits',
    doc: 'secret Telegram sends with every webhook request (X-Telegram-Bot-Api-Secret-Token); a random one is made at each start if unset',
    secret: true,
  },
  TELEGRAM_API_ROOT: {
    schema: urlSetting(),
    default: 'https://api.telegram.org',
    example: 'http://localhost:8081',
    doc: 'Bot API server: a self-hosted telegram-bot-api, or the official one',
  },
});

export type TelegramSettings = SettingsOf<typeof telegramSettings>;
