/**
 * The optional config file named by `HAVEN_CONFIG_FILE`: the same settings as the environment
 * variables, for operators who prefer one file. Two formats, chosen by the file's extension:
 *
 *   .yaml / .yml   a mapping:  `PORT: 3000`
 *   anything else  .env lines: `PORT=3000`, `export PORT=3000`, `# comments`, "quoted values"
 *
 * Environment variables win over the file, so one value can be changed for one run.
 */
import fs from 'node:fs';
import { isMap, isScalar, parseDocument } from 'yaml';
import { ConfigError } from './config-error';

export const CONFIG_FILE_VARIABLE = 'HAVEN_CONFIG_FILE';

/** A config file is a handful of lines; anything this large is the wrong file. */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024;

export interface ConfigFile {
  values: Map<string, string>;
  /** line of each name, for messages about it */
  lines: Map<string, number>;
}

const NAME = /^[A-Z][A-Z0-9_]*$/;

/** Read and parse the file; any problem (missing, malformed line, duplicate) is a ConfigError naming the line. */
export function readConfigFile(file: string): ConfigFile {
  const where = `${CONFIG_FILE_VARIABLE}=${JSON.stringify(file)}`;
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CONFIG_FILE_BYTES) throw new ConfigError([`${where}: the file is larger than 256 KB; is it the right file?`]);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([`${where}: cannot read the file (${code}) (example: ${CONFIG_FILE_VARIABLE}=/etc/haven/haven.env)`]);
  }
  const parsed = /\.ya?ml$/i.test(file) ? parseYaml(text) : parseDotenv(text);
  if (parsed.problems.length) throw new ConfigError(parsed.problems.map((p) => `${where}: ${p}`));
  return parsed.config;
}

interface Parsed {
  config: ConfigFile;
  problems: string[];
}

function parseDotenv(text: string): Parsed {
  const config: ConfigFile = { values: new Map(), lines: new Map() };
  const problems: string[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
      if (!m) {
        problems.push(`line ${line}: expected NAME=value (example: PORT=3000)`);
        return;
      }
      const value = dotenvValue(m[2] ?? '');
      if (value === null) {
        problems.push(`line ${line}: the quoted value of ${m[1]} has no closing quote`);
        return;
      }
      add(config, problems, m[1] ?? '', value, line);
    });
  return { config, problems };
}

/** `"a b"` and `'a b'` are quoted (double quotes know \n, \" and \\); otherwise a ` #` starts a comment. */
function dotenvValue(rest: string): string | null {
  const q = rest[0];
  if (q === '"' || q === "'") {
    const end = rest.indexOf(q, 1);
    if (q === "'") return end < 0 ? null : rest.slice(1, end);
    let out = '';
    for (let i = 1; i < rest.length; i++) {
      const c = rest[i];
      if (c === '"') return out;
      if (c === '\\' && i + 1 < rest.length) {
        const next = rest[++i];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      } else out += c;
    }
    return null;
  }
  return rest.replace(/\s+#.*$/, '').trim();
}

function parseYaml(text: string): Parsed {
  const config: ConfigFile = { values: new Map(), lines: new Map() };
  const problems: string[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 0 : text.slice(0, offset).split('\n').length);
  for (const e of doc.errors) problems.push(`line ${lineOf(e.pos[0])}: ${e.message.split('\n')[0]}`);
  if (problems.length) return { config, problems };
  if (doc.contents === null) return { config, problems };
  if (!isMap(doc.contents)) return { config, problems: ['line 1: expected a mapping of NAME: value (example: PORT: 3000)'] };
  for (const item of doc.contents.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const line = lineOf(isScalar(item.key) ? item.key.range?.[0] : undefined);
    if (item.value !== null && !isScalar(item.value)) {
      problems.push(`line ${line}: ${key || 'a key'} must have a single value, not a list or mapping`);
      continue;
    }
    const v = isScalar(item.value) ? item.value.value : null;
    add(config, problems, key, v === null || v === undefined ? '' : String(v), line);
  }
  return { config, problems };
}

function add(config: ConfigFile, problems: string[], name: string, value: string, line: number): void {
  if (!NAME.test(name)) {
    problems.push(`line ${line}: "${name.slice(0, 40)}" is not a setting name (names are like HAVEN_DATA_DIR)`);
    return;
  }
  if (name === CONFIG_FILE_VARIABLE) {
    problems.push(`line ${line}: ${CONFIG_FILE_VARIABLE} cannot be set inside the config file`);
    return;
  }
  const before = config.lines.get(name);
  if (before !== undefined) {
    problems.push(`line ${line}: ${name} is already set on line ${before}`);
    return;
  }
  config.values.set(name, value);
  config.lines.set(name, line);
}
