/**
 * The chat page's HTML, in the language the browser asks for: `public/webchat/index.html`
 * with its `{{placeholders}}` filled (every value escaped) and the page's words and settings
 * in a JSON block that the script reads (a data block, not a script: the CSP allows it).
 * Rendered once per language and kept, gzipped.
 */
import { gzipSync } from 'node:zlib';
import type { Texts } from '../../engine/texts';
import type { Asset } from './assets';
import { MAX_TEXT_BYTES } from './requests';
import { type Branding, type UiStrings, uiStrings } from './ui-strings';

export const API_BASE = '/api/webchat';
export const ASSET_PATHS = { css: '/webchat/webchat.css', js: '/webchat/webchat.js', icon: '/webchat/icon' } as const;

export interface ChatPageOptions {
  template: string;
  texts: Texts;
  branding: Branding;
  /** where quick exit goes */
  exitUrl: string;
  assets: { css: Asset; js: Asset; icon: Asset };
}

export interface RenderedPage {
  body: Buffer;
  gzip: Buffer;
}

export class ChatPage {
  private readonly rendered = new Map<string, RenderedPage>();

  constructor(private readonly o: ChatPageOptions) {
    // Render every language now, so a broken template or a missing word stops start-up.
    for (const lang of o.texts.languages) this.render(lang);
  }

  render(lang: string): RenderedPage {
    const known = this.rendered.get(lang);
    if (known) return known;
    const html = fillTemplate(this.o.template, this.values(lang));
    const body = Buffer.from(html, 'utf8');
    const page = { body, gzip: gzipSync(body, { level: 9 }) };
    this.rendered.set(lang, page);
    return page;
  }

  ui(lang: string): UiStrings {
    return uiStrings(this.o.texts, lang, this.o.branding);
  }

  private values(lang: string): Map<string, string> {
    const ui = this.ui(lang);
    const { css, js, icon } = this.o.assets;
    const config: WirePageConfig = { api: API_BASE, exitUrl: this.o.exitUrl, maxTextBytes: MAX_TEXT_BYTES, ui };
    const values = new Map<string, string>([
      ['lang', escapeHtml(ui.lang)],
      ['dir', ui.dir],
      ['title', escapeHtml(ui.title)],
      ['botName', escapeHtml(ui.botName)],
      ['exitUrl', escapeHtml(this.o.exitUrl)],
      ['css', `${ASSET_PATHS.css}?v=${css.hash}`],
      ['js', `${ASSET_PATHS.js}?v=${js.hash}`],
      ['icon', `${ASSET_PATHS.icon}?v=${icon.hash}`],
      ['iconType', escapeHtml(icon.type)],
      ['config', jsonForScriptBlock(config)],
    ]);
    for (const [key, text] of Object.entries(ui.strings)) values.set(`t.${key}`, escapeHtml(text));
    return values;
  }
}

export class TemplateError extends Error {}

function fillTemplate(template: string, values: Map<string, string>): string {
  return template.replace(/\{\{([\w.]+)\}\}/g, (_, name: string) => {
    const v = values.get(name);
    if (v === undefined) throw new TemplateError(`web chat page: unknown placeholder {{${name}}} in index.html`);
    return v;
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close its <script> block or open a comment inside it. */
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
