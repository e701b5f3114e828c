/**
 * The caseworker console's settings. Every one has a safe default, so the console works as
 * soon as a supervisor account exists (`haven caseworker add`). Exported for `haven config
 * check` and `.env.example`, which gather every module's settings.
 */
import { z } from 'zod';
import { telegramSettings } from '../channels/telegram/settings';
import { boolSetting, defineSettings, intSetting, readSettings, type SettingsOf } from '../server/settings';

export const consoleSettings = defineSettings({
  HAVEN_CONSOLE_ORIGIN: {
    schema: z
      .string()
      .url('must be an origin like https://help.example.org')
      .refine((v) => new URL(v).origin === v.replace(/\/$/, ''), 'must be an origin only (scheme, host and port), like https://help.example.org')
      .transform((v) => new URL(v).origin),
    example: 'https://help.example.org',
    doc: 'the address caseworkers open the console at; state-changing requests must come from it (Origin check). Unset: the host the request was sent to',
  },
  HAVEN_CONSOLE_INSECURE_COOKIE: {
    schema: boolSetting(),
    default: 'false',
    example: 'false',
    doc: 'true only for development on http://localhost: the session cookie is sent without Secure, and the console then answers only requests to localhost (a warning is logged)',
  },
  HAVEN_CONSOLE_IDLE_MINUTES: {
    schema: intSetting(5, 24 * 60),
    default: '30',
    example: '30',
    doc: 'a console session ends after this much inactivity (a live console keeps itself active)',
  },
  HAVEN_CONSOLE_SESSION_HOURS: {
    schema: intSetting(1, 7 * 24),
    default: '12',
    example: '12',
    doc: 'a console session ends this long after sign-in, active or not',
  },
  HAVEN_CONSOLE_LOCKOUT_FAILURES: {
    schema: intSetting(1, 100),
    default: '5',
    example: '5',
    doc: 'wrong passwords in a row after which an account is locked',
  },
  HAVEN_CONSOLE_LOCKOUT_MINUTES: {
    schema: intSetting(1, 24 * 60),
    default: '15',
    example: '15',
    doc: 'how long a locked account stays locked (a supervisor can reset its password sooner)',
  },
  HAVEN_CONSOLE_SIGNIN_PER_IP: {
    schema: intSetting(1, 10_000),
    default: '20',
    example: '20',
    doc: 'sign-in attempts allowed from one IP address per 15 minutes; beyond it: 429',
  },
  HAVEN_CONSOLE_SIGNIN_PER_ACCOUNT: {
    schema: intSetting(1, 10_000),
    default: '10',
    example: '10',
    doc: 'sign-in attempts allowed for one username per 15 minutes, right or wrong; beyond it: 429',
  },
  HAVEN_RETAIN_AUDIT_DAYS: {
    schema: intSetting(30, 3650),
    default: '365',
    example: '365',
    doc: 'how long the console audit log (who opened, read, wrote or closed which handoff) is kept',
  },
  HAVEN_CONSOLE_TELEGRAM_CHAT_ID: {
    schema: z.string().regex(/^-?\d{1,20}$|^@[A-Za-z0-9_]{5,32}$/, 'must be a chat id like -1001234567890 or a channel name like @ourteam'),
    example: '-1001234567890',
    doc: 'a caseworkers\' Telegram group told "a new request is waiting" (never any detail about the person); needs TELEGRAM_TOKEN',
  },
  // The Telegram channel's own settings: the bot that posts to the group.
  TELEGRAM_TOKEN: telegramSettings.TELEGRAM_TOKEN,
  TELEGRAM_API_ROOT: telegramSettings.TELEGRAM_API_ROOT,
});

export type ConsoleSettings = SettingsOf<typeof consoleSettings>;

export function loadConsoleSettings(env: NodeJS.ProcessEnv = process.env): ConsoleSettings {
  return readSettings(consoleSettings, env);
}
