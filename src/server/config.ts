/**
 * The core settings: where Haven listens, where it keeps data, how it logs, and the limits
 * that keep one busy or hostile client from hurting everyone else. Channels and other modules
 * declare their own; `all-settings.ts` gathers every module's for `haven config check` and
 * `.env.example`.
 */
import path from 'node:path';
import { z } from 'zod';
import { defaultContentPaths } from '../flows/content';
import { CONFIG_FILE_VARIABLE } from './config-file';
import { trustProxySetting } from './trust-proxy';
import { defineSettings, intSetting, readSettings, type SettingsOf } from './settings';

export { ConfigError } from './settings';

export const coreSettings = defineSettings({
  PORT: { schema: intSetting(0, 65535), default: '3000', example: '3000', doc: 'port to listen on' },
  HAVEN_HOST: {
    schema: z.string().regex(/^[0-9A-Za-z.:-]{1,253}$/, 'must be an address like 127.0.0.1, :: or localhost'),
    example: '127.0.0.1',
    doc: 'address to listen on; unset: every interface (right in a container); 127.0.0.1 when a proxy on the same host is the only way in',
  },
  [CONFIG_FILE_VARIABLE]: {
    schema: z.string().min(1),
    example: '/etc/haven/haven.env',
    doc: 'a file with more settings, as NAME=value lines (.env) or NAME: value (.yaml); environment variables win over it. Any setting can also be read from a file named by NAME_FILE (Docker secrets)',
  },
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
    shownDefault: 'the flows/ folder shipped with Haven',
    example: './flows',
    doc: 'conversation flows (YAML)',
  },
  HAVEN_LOCALES_DIR: {
    schema: z.string().min(1),
    default: defaultContentPaths().localesDir,
    shownDefault: 'the locales/ folder shipped with Haven',
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

  // Limits. Each default leaves room for a real person on a slow phone and stops a script.
  HAVEN_SESSION_MESSAGES_PER_MINUTE: {
    schema: intSetting(1, 100_000),
    default: '60',
    example: '60',
    doc: 'messages one conversation may send per minute on average; beyond it the user is asked, in their language, to slow down (emergency words always get through)',
  },
  HAVEN_SESSION_MESSAGE_BURST: {
    schema: intSetting(1, 100_000),
    default: '20',
    example: '20',
    doc: 'messages one conversation may send in a quick burst before the per-minute rate applies',
  },
  HAVEN_IP_REQUESTS_PER_MINUTE: {
    schema: intSetting(1, 1_000_000),
    default: '1200',
    example: '1200',
    doc: 'web chat and console requests per minute from one IP address (a school or shelter shares one address, so keep it generous); beyond it: 429',
  },
  HAVEN_IP_REQUEST_BURST: {
    schema: intSetting(1, 1_000_000),
    default: '300',
    example: '300',
    doc: 'requests one IP address may make in a quick burst before the per-minute rate applies',
  },
  HAVEN_TRUST_PROXY: {
    schema: trustProxySetting(),
    default: 'loopback, linklocal, uniquelocal',
    example: 'loopback, 10.0.0.0/8',
    doc: 'which proxies may tell Haven the client\'s address (X-Forwarded-For): false, or a list of loopback, linklocal, uniquelocal and addresses or CIDR ranges. The per-IP limit needs the real address',
  },
  HAVEN_MAX_BODY_KB: {
    schema: intSetting(1, 100 * 1024),
    default: '1024',
    example: '1024',
    doc: 'largest request body accepted by any route, in KB (routes may set smaller limits: the web chat takes 16 KB); larger: 413',
  },
  HAVEN_REQUEST_TIMEOUT_SECONDS: {
    schema: intSetting(5, 600),
    default: '30',
    example: '30',
    doc: 'time a client has to send a whole request (headers and body) before the connection is closed (slow clients cannot hold connections forever)',
  },
  HAVEN_SHUTDOWN_TIMEOUT_SECONDS: {
    schema: intSetting(1, 600),
    default: '8',
    example: '8',
    doc: 'on SIGTERM, how long requests in flight may take to finish before connections are cut; the database is closed cleanly either way (keep it below the orchestrator\'s kill timeout: Docker waits 10 s by default)',
  },
  HAVEN_METRICS_TOKEN: {
    schema: z.string().min(16, 'must be at least 16 characters'),
    example: 'a-long-random-string-for-prometheus',
    doc: 'bearer token Prometheus must send for /metrics; unset: /metrics answers only requests that did not come through a proxy (no X-Forwarded-For)',
    secret: true,
  },
});

export type Config = SettingsOf<typeof coreSettings>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = readSettings(coreSettings, env);
  return { ...config, HAVEN_DATA_DIR: path.resolve(config.HAVEN_DATA_DIR) };
}
