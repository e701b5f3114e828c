/**
 * Settings read from environment variables and validated with zod. Each module declares its
 * own (the core in `config.ts`, each channel in its folder, the rest listed in
 * `all-settings.ts`); a bad value stops start-up with the variable's name, what is wrong and
 * an example.
 *
 * Where a value comes from, first match wins:
 *   1. the environment variable (an empty one counts as unset)
 *   2. `NAME_FILE`: a file holding the value (Docker and Kubernetes secrets)
 *   3. the file named by `HAVEN_CONFIG_FILE` (`.env` lines or YAML), if set
 *   4. the setting's default
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { CONFIG_FILE_VARIABLE, readConfigFile, type ConfigFile } from './config-file';

export interface Setting<T = unknown> {
  /** parses the raw string */
  schema: z.ZodType<T, string>;
  /** used when the variable is unset or empty; without one the setting is optional */
  default?: string;
  /** the default in words, where the value itself depends on the machine (an install path) */
  shownDefault?: string;
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

export { ConfigError };

/** Parse every setting of `spec` from `env` (and the config file it names), reporting all problems at once. */
export function readSettings<S extends SettingsSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): SettingsOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  const file = configFileValues(env);
  for (const [name, s] of Object.entries(spec)) {
    const given = rawValue(name, env, file.values);
    if (given.problem) {
      problems.push(given.problem);
      continue;
    }
    const raw = given.value ?? s.default;
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

/** The values of the config file named in `env`, or none; an unreadable or malformed file is a ConfigError. */
export function configFileValues(env: NodeJS.ProcessEnv): ConfigFile {
  const file = env[CONFIG_FILE_VARIABLE];
  return file ? readConfigFile(file) : { values: new Map(), lines: new Map() };
}

/** A setting's raw value before its default: the variable, its `_FILE`, or the config file. */
function rawValue(name: string, env: NodeJS.ProcessEnv, file: ReadonlyMap<string, string>): { value?: string; problem?: string } {
  const direct = env[name];
  const fromFile = env[`${name}_FILE`] || file.get(`${name}_FILE`);
  if (direct !== undefined && direct !== '') {
    if (env[`${name}_FILE`]) return { problem: `${name} and ${name}_FILE are both set: keep one` };
    return { value: direct };
  }
  if (fromFile) {
    try {
      // A secrets file usually ends with a newline that is not part of the value.
      return { value: fs.readFileSync(fromFile, 'utf8').replace(/\r?\n$/, '') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      return { problem: `${name}_FILE=${JSON.stringify(fromFile)}: cannot read the file (${code}) (example: ${name}_FILE=/run/secrets/${name.toLowerCase()})` };
    }
  }
  const configured = file.get(name);
  return configured === undefined || configured === '' ? {} : { value: configured };
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
