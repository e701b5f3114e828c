/**
 * Settings read from environment variables and validated with zod. Each module declares its
 * own (the core in `config.ts`, each channel in its folder); a bad value stops start-up with
 * the variable's name, what is wrong and an example.
 */
import { z } from 'zod';

export interface Setting<T = unknown> {
  /** parses the raw string */
  schema: z.ZodType<T, string>;
  /** used when the variable is unset or empty; without one the setting is optional */
  default?: string;
  example: string;
  /** one line for `.env.example` and the docs */
  doc: string;
  /** never echo the value in errors (tokens, secrets) */
  secret?: boolean;
}

export type SettingsSpec = Record<string, Setting<any>>;

export type SettingsOf<S extends SettingsSpec> = {
  [K in keyof S]: S[K] extends Setting<infer T> ? (S[K]['default'] extends string ? T : T | undefined) : never;
};

export function defineSettings<S extends SettingsSpec>(spec: S): S {
  return spec;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse every setting of `spec` from `env`, reporting all problems at once. */
export function readSettings<S extends SettingsSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): SettingsOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, s] of Object.entries(spec)) {
    const given = env[name];
    const raw = given === undefined || given === '' ? s.default : given;
    if (raw === undefined) {
      out[name] = undefined;
      continue;
    }
    const parsed = s.schema.safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else {
      const shown = s.secret ? '(hidden)' : JSON.stringify(raw);
      problems.push(`${name}=${shown}: ${parsed.error.issues[0]?.message ?? 'invalid'} (example: ${name}=${s.example})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as SettingsOf<S>;
}

/** A whole number in a range, read from a string. */
export const intSetting = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const boolSetting = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const urlSetting = () => z.string().url('must be a URL like https://example.org/path');
