/**
 * The console page: `public/console/index.html` in one of the shipped languages, with its
 * `{{placeholders}}` filled (every value escaped) and a JSON block the script reads: the page's
 * words, and, when the request carries a live session, who is signed in and the session's
 * CSRF token. The page is the same shell signed in or not; it holds no data about anyone who
 * asked for help (the script fetches that through the API).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Texts } from '../engine/texts';
import { MAX_MESSAGE_CHARS } from './requests';
import { uiStrings } from './ui-strings';

export const CONSOLE_BASE = '/console';
export const ASSET_PATHS = { css: '/console.css', js: '/console.js', icon: '/icon.svg' } as const;

export interface ConsoleAsset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  hash: string;
}

export interface ConsoleFiles {
  template: string;
  css: string;
  js: string;
  icon: string;
}

export class ConsoleAssetError extends Error {}

/** Sources in `public/console/`, the compiled script in `dist/public/console/`. */
export function defaultConsoleFiles(root = findRoot()): ConsoleFiles {
  return {
    template: path.join(root, 'public', 'console', 'index.html'),
    css: path.join(root, 'public', 'console', 'console.css'),
    js: path.join(root, 'dist', 'public', 'console', 'console.js'),
    icon: path.join(root, 'public', 'console', 'icon.svg'),
  };
}

export function readConsoleAsset(file: string, type: string): ConsoleAsset {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    const hint = file.endsWith('.js') ? ' (run `npm run build` to compile the console script)' : '';
    throw new ConsoleAssetError(`console: cannot read ${file}${hint}`);
  }
  return { body, gzip: gzipSync(body, { level: 9 }), type, hash: createHash('sha256').update(body).digest('base64url').slice(0, 12) };
}

export interface ConsoleAssets {
  css: ConsoleAsset;
  js: ConsoleAsset;
  icon: ConsoleAsset;
}

export function readConsoleAssets(files: ConsoleFiles): { assets: ConsoleAssets; template: string } {
  return {
    assets: {
      css: readConsoleAsset(files.css, 'text/css; charset=utf-8'),
      js: readConsoleAsset(files.js, 'text/javascript; charset=utf-8'),
      icon: readConsoleAsset(files.icon, 'image/svg+xml'),
    },
    template: readConsoleAsset(files.template, 'text/html; charset=utf-8').body.toString('utf8'),
  };
}

/** Who is signed in, for the page's JSON block. */
export interface PageSession {
  me: DeskMe;
  csrf: string;
}

export class ConsolePage {
  /** per language: the page before and after the JSON block */
  private readonly parts = new Map<string, [string, string]>();
  private readonly languages: DeskLanguage[];

  constructor(
    private readonly template: string,
    private readonly texts: Texts,
    private readonly assets: ConsoleAssets,
  ) {
    this.languages = texts.languages.map((code) => ({ code, name: nativeName(code) }));
    // Render every language now, so a broken template or a missing word stops start-up.
    for (const lang of texts.languages) this.split(lang);
  }

  render(lang: string, session: PageSession | null): Buffer {
    const [before, after] = this.split(lang);
    const config: DeskPageConfig = {
      api: `${CONSOLE_BASE}/api`,
      lang,
      dir: this.texts.dir(lang),
      strings: uiStrings(this.texts, lang),
      languages: this.languages,
      me: session?.me ?? null,
      csrf: session?.csrf ?? null,
      maxMessageChars: MAX_MESSAGE_CHARS,
    };
    return Buffer.from(before + jsonForScriptBlock(config) + after, 'utf8');
  }

  private split(lang: string): [string, string] {
    const known = this.parts.get(lang);
    if (known) return known;
    const strings = uiStrings(this.texts, lang);
    const { css, js, icon } = this.assets;
    const values = new Map<string, string>([
      ['lang', escapeHtml(lang)],
      ['dir', this.texts.dir(lang)],
      ['css', `${CONSOLE_BASE}${ASSET_PATHS.css}?v=${css.hash}`],
      ['js', `${CONSOLE_BASE}${ASSET_PATHS.js}?v=${js.hash}`],
      ['icon', `${CONSOLE_BASE}${ASSET_PATHS.icon}?v=${icon.hash}`],
      ['config', '\u0000'],
    ]);
    for (const [key, text] of Object.entries(strings)) values.set(`t.${key}`, escapeHtml(text));
    const html = this.template.replace(/\{\{([\w.]+)\}\}/g, (_, name: string) => {
      const v = values.get(name);
      if (v === undefined) throw new ConsoleAssetError(`console page: unknown placeholder {{${name}}} in index.html`);
      return v;
    });
    const [before = '', after = ''] = html.split('\u0000');
    const parts: [string, string] = [before, after];
    this.parts.set(lang, parts);
    return parts;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close its <script> block or open a comment inside it. */
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** A language's name in itself ("українська" → "Українська"), for the language menus. */
function nativeName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}

function findRoot(): string {
  // src/console -> repo root; dist/src/console -> dist -> repo root
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}
