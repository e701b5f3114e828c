/**
 * Locale files: `locales/<lng>/<namespace>.json`. A flow's own words live in the namespace
 * named like the flow; shared words in `common`, engine words in `engine`, and the words
 * that trigger interrupts in `interrupts` (lists, not messages).
 */
import fs from 'node:fs';
import path from 'node:path';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface LocaleFile {
  lng: string;
  ns: string;
  /** path as given (relative to the working directory when loaded from a relative dir) */
  file: string;
  data: Record<string, Json>;
}

export class LocaleError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** Read every `<lng>/<ns>.json` under `dir`. Throws LocaleError on unreadable JSON. */
export function readLocales(dir: string): LocaleFile[] {
  const files: LocaleFile[] = [];
  if (!fs.existsSync(dir)) throw new LocaleError(dir, 'locales folder not found');
  for (const lng of fs.readdirSync(dir).sort()) {
    const lngDir = path.join(dir, lng);
    if (!fs.statSync(lngDir).isDirectory()) continue;
    for (const name of fs.readdirSync(lngDir).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(lngDir, name);
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new LocaleError(file, `not valid JSON: ${(err as Error).message}`);
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new LocaleError(file, 'must hold a JSON object of keys');
      }
      files.push({ lng, ns: name.slice(0, -'.json'.length), file, data: data as Record<string, Json> });
    }
  }
  return files;
}

/** Every leaf key of a locale file as a dotted path (arrays are leaves). */
export function leafKeys(data: Record<string, Json>, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    const full = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) keys.push(...leafKeys(v, full));
    else keys.push(full);
  }
  return keys;
}

export type Resources = Record<string, Record<string, Record<string, Json>>>;

export function toResources(files: readonly LocaleFile[]): Resources {
  const resources: Resources = {};
  for (const f of files) (resources[f.lng] ??= {})[f.ns] = f.data;
  return resources;
}
