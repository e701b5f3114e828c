/** The core settings: where Haven listens, where it keeps data, and how it logs. */
import path from 'node:path';
import { z } from 'zod';
import { defaultContentPaths } from '../flows/content';
import { defineSettings, intSetting, readSettings, type SettingsOf } from './settings';

export { ConfigError } from './settings';

export const coreSettings = defineSettings({
  PORT: { schema: intSetting(0, 65535), default: '3000', example: '3000', doc: 'port to listen on' },
  HAVEN_DATA_DIR: {
    schema: z.string().min(1),
    default: './data',
    example: '/var/lib/haven',
    doc: 'folder for the SQLite database and the generated pseudonym secret',
  },
  HAVEN_SESSION_TTL_MINUTES: {
    schema: intSetting(1, 7 * 24 * 60),
    default: '30',
    example: '30',
    doc: 'inactivity after which a conversation is forgotten',
  },
  HAVEN_FLOWS_DIR: {
    schema: z.string().min(1),
    default: defaultContentPaths().flowsDir,
    example: './flows',
    doc: 'conversation flows (YAML)',
  },
  HAVEN_LOCALES_DIR: {
    schema: z.string().min(1),
    default: defaultContentPaths().localesDir,
    example: './locales',
    doc: 'translations (locales/<lng>/*.json)',
  },
  HAVEN_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
    default: 'info',
    example: 'info',
    doc: 'fatal, error, warn, info, debug or silent',
  },
  HAVEN_PSEUDONYM_SECRET: {
    schema: z.string().min(32, 'must be at least 32 characters'),
    example: 'a-long-random-string-of-at-least-32-characters',
    doc: 'secret for the HMAC pseudonyms that key every session; generated into the data folder if unset; changing it forgets every session',
    secret: true,
  },
});

export type Config = SettingsOf<typeof coreSettings>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = readSettings(coreSettings, env);
  return { ...config, HAVEN_DATA_DIR: path.resolve(config.HAVEN_DATA_DIR) };
}
