/**
 * Settings from environment variables, validated with zod at start. A bad value stops
 * start-up with the variable's name, what is wrong and an example.
 */
import path from 'node:path';
import { z } from 'zod';
import { defaultContentPaths } from '../flows/content';

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Each setting: its variable, its schema, its default and an example for error messages. */
const settings = {
  PORT: { schema: int(0, 65535), default: '3000', example: '3000' },
  HAVEN_DATA_DIR: { schema: z.string().min(1), default: './data', example: '/var/lib/haven' },
  HAVEN_SESSION_TTL_MINUTES: { schema: int(1, 7 * 24 * 60), default: '30', example: '30' },
  HAVEN_FLOWS_DIR: { schema: z.string().min(1), default: defaultContentPaths().flowsDir, example: './flows' },
  HAVEN_LOCALES_DIR: { schema: z.string().min(1), default: defaultContentPaths().localesDir, example: './locales' },
  HAVEN_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
    default: 'info',
    example: 'info',
  },
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, s] of Object.entries(settings)) {
    const raw = env[name] === undefined || env[name] === '' ? s.default : env[name]!;
    const parsed = (s.schema as z.ZodType).safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? 'invalid'} (example: ${name}=${s.example})`);
  }
  if (problems.length) throw new ConfigError(problems);
  const config = out as Config;
  return { ...config, HAVEN_DATA_DIR: path.resolve(config.HAVEN_DATA_DIR) };
}
