/**
 * Every module's settings in one place, for the checks and documents that must cover them all:
 * `haven serve` and `haven config check` validate them together, and `.env.example` is
 * generated from them. Channels are found by folder: each declares its settings in its
 * `settings.ts` (read on its own, so checking settings never loads a channel's SDK). Any other
 * module with settings adds one line to `OTHER_MODULES`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { consoleSettings } from '../console/settings';
import { directorySettings } from '../directory/settings';
import { handoffSettings } from '../handoff/settings';
import { insightSettings } from '../insights/settings';
import { privacySettings } from '../privacy/settings';
import { coreSettings } from './config';
import { CONFIG_FILE_VARIABLE } from './config-file';
import { ConfigError, configFileValues, readSettings, type Setting, type SettingsSpec } from './settings';

export interface SettingsModule {
  /** shown in `.env.example` and in messages */
  name: string;
  settings: SettingsSpec;
}

/** Modules other than the core and the channels that declare settings. Add yours here. */
const OTHER_MODULES: SettingsModule[] = [
  { name: 'privacy', settings: privacySettings },
  { name: 'handoff', settings: handoffSettings },
  { name: 'insights', settings: insightSettings },
  { name: 'directory', settings: directorySettings },
  { name: 'console', settings: consoleSettings },
];

export function settingsModules(): SettingsModule[] {
  return [
    { name: 'core', settings: coreSettings },
    ...OTHER_MODULES,
    ...channelSettings().map((c) => ({ name: `channel: ${c.channel}`, settings: c.settings })),
  ];
}

/** The folder of the channels, next to this file's folder (src/ or dist/src/). */
const CHANNELS_DIR = path.join(__dirname, '..', 'channels');

/** Each channel folder's `settings.ts` exports: the settings specs among them, merged. */
export function channelSettings(dir = CHANNELS_DIR): { channel: string; settings: SettingsSpec }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((channel) => {
      const file = ['settings.js', 'settings.ts'].map((f) => path.join(dir, channel, f)).find((f) => fs.existsSync(f));
      if (!file) return [];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported: Record<string, unknown> = require(file);
      const settings: SettingsSpec = {};
      for (const value of Object.values(exported)) if (isSettingsSpec(value)) Object.assign(settings, value);
      return Object.keys(settings).length ? [{ channel, settings }] : [];
    });
}

function isSettingsSpec(value: unknown): value is SettingsSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    entries.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        'schema' in s &&
        typeof s.schema === 'object' &&
        s.schema !== null &&
        'safeParse' in s.schema &&
        'example' in s &&
        typeof s.example === 'string' &&
        'doc' in s &&
        typeof s.doc === 'string',
    )
  );
}

export interface DeclaredSetting {
  name: string;
  setting: Setting;
  /** the modules that read it (a channel may read a core setting too) */
  modules: string[];
}

/** Every setting once, in declaration order. */
export function declaredSettings(modules: SettingsModule[] = settingsModules()): DeclaredSetting[] {
  const byName = new Map<string, DeclaredSetting>();
  for (const m of modules) {
    for (const [name, setting] of Object.entries(m.settings)) {
      const seen = byName.get(name);
      if (seen) seen.modules.push(m.name);
      else byName.set(name, { name, setting, modules: [m.name] });
    }
  }
  return [...byName.values()];
}

export interface SettingsReport {
  /** each stops start-up */
  problems: string[];
  /** worth a look, but Haven starts (a variable that looks like a misspelt setting) */
  warnings: string[];
}

/** Validate every module's settings from `env` (and its config file) at once, without starting anything. */
export function checkSettings(env: NodeJS.ProcessEnv = process.env, modules: SettingsModule[] = settingsModules()): SettingsReport {
  const problems = new Set<string>();
  const warnings: string[] = [];
  const declared = declaredSettings(modules);
  const known = new Set(declared.map((d) => d.name));
  const isKnown = (name: string) => known.has(name) || (name.endsWith('_FILE') && known.has(name.slice(0, -'_FILE'.length)));

  let file;
  try {
    file = configFileValues(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { problems: e.problems, warnings };
  }
  for (const [name, line] of file.lines) {
    if (!isKnown(name)) {
      problems.add(`${CONFIG_FILE_VARIABLE}=${JSON.stringify(env[CONFIG_FILE_VARIABLE])}: line ${line}: ${name} is not a Haven setting${suggestion(name, known)}`);
    }
  }
  for (const m of modules) {
    try {
      readSettings(m.settings, env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (const p of e.problems) problems.add(p);
    }
  }
  // A misspelt variable is silently ignored by everything else; say so here.
  const prefixes = new Set(declared.map((d) => d.name.split('_')[0] + '_').filter((p) => p !== '_' && p.length > 2));
  for (const name of Object.keys(env).sort()) {
    if (isKnown(name) || ![...prefixes].some((p) => name.startsWith(p))) continue;
    warnings.push(`${name} is set but is not a Haven setting${suggestion(name, known)}; it is ignored`);
  }
  return { problems: [...problems], warnings };
}

/** Stop with every problem if any setting of any module is wrong. */
export function assertSettings(env: NodeJS.ProcessEnv = process.env): SettingsReport {
  const report = checkSettings(env);
  if (report.problems.length) throw new ConfigError(report.problems);
  return report;
}

function suggestion(name: string, known: Set<string>): string {
  let best: string | null = null;
  let bestDistance = 4;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean ${best}?)` : '';
}

/** Levenshtein distance, enough for spotting a typo in a variable name. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
