/**
 * The web chat: the page at `/`, its files under `/webchat/`, and the API under
 * `/api/webchat`, all behind the same security headers. It maps the page's requests to engine
 * inputs and the engine's outputs to web messages; it holds no conversation logic.
 */
import express, { type Express } from 'express';
import { pickLanguage } from '../../i18n/language';
import type { Channel, ChannelContext } from '../channel';
import type { SettingsOf } from '../../server/settings';
import { webchatApi } from './api-routes';
import { type AssetFiles, defaultAssetFiles, iconType, MAX_ICON_BYTES, readAsset, sendAsset, sendBody } from './assets';
import { API_BASE, ASSET_PATHS, ChatPage } from './chat-page';
import { LiveConversations } from './live-conversations';
import { webMessages } from './web-message';
import { pageHeaders, resourceHeaders } from './security-headers';
import type { webchatSettings } from './settings';

/** Expired conversations (their tokens, kept messages and open streams) are closed this often. */
export const SWEEP_INTERVAL_MS = 60_000;
/** Assets are named by content hash, so a browser may keep them; a week saves 2G users a download. */
const ASSET_CACHE = 'public, max-age=604800, immutable';

export type WebchatSettings = SettingsOf<typeof webchatSettings>;

export interface WebchatOptions {
  /** where the page's files are (tests and deployments with their own build folder) */
  files?: AssetFiles;
}

export function createWebchat(ctx: ChannelContext, settings: WebchatSettings, options: WebchatOptions = {}): Channel {
  const { conversations, log } = ctx;
  const texts = conversations.engine.texts;
  const files = options.files ?? defaultAssetFiles();
  const icon = readAsset(settings.HAVEN_PAGE_ICON ?? files.icon, iconType(settings.HAVEN_PAGE_ICON ?? files.icon), MAX_ICON_BYTES);
  const css = readAsset(files.css, 'text/css; charset=utf-8');
  const js = readAsset(files.js, 'text/javascript; charset=utf-8');
  const template = readAsset(files.template, 'text/html; charset=utf-8').body.toString('utf8');
  const page = new ChatPage({
    template,
    texts,
    branding: { title: settings.HAVEN_PAGE_TITLE, botName: settings.HAVEN_BOT_NAME },
    exitUrl: settings.HAVEN_QUICK_EXIT_URL,
    assets: { css, js, icon },
  });
  const live = new LiveConversations({
    secret: ctx.secret,
    ttlMs: settings.HAVEN_SESSION_TTL_MINUTES * 60_000,
    max: settings.HAVEN_WEBCHAT_MAX_CONVERSATIONS,
  });
  let sweeper: NodeJS.Timeout | undefined;
  // A caseworker's words reach the open page (its stream or its next poll).
  ctx.delivery?.register('webchat', async (address, outputs) => {
    const conversation = live.findByKey(address, Date.now());
    if (!conversation) throw new Error('this web chat is no longer open');
    conversation.push(webMessages(outputs, texts));
  });

  return {
    mount(app: Express) {
      // The headers go on this channel's routes only, not on whatever passes through.
      const site = express.Router();
      site.get('/', pageHeaders, (req, res) => {
        const lang = pickLanguage(req.get('accept-language'), texts.languages) ?? texts.languages[0] ?? 'en';
        const { body, gzip } = page.render(lang);
        res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': lang });
        res.vary('Accept-Language');
        sendBody(req, res, body, gzip);
      });
      site.get(ASSET_PATHS.css, resourceHeaders, (req, res) => sendAsset(req, res, css, ASSET_CACHE));
      site.get(ASSET_PATHS.js, resourceHeaders, (req, res) => sendAsset(req, res, js, ASSET_CACHE));
      site.get(ASSET_PATHS.icon, resourceHeaders, (req, res) => sendAsset(req, res, icon, ASSET_CACHE));
      // Browsers ask for this by themselves; answer with the same neutral icon, not a 404.
      site.get('/favicon.ico', resourceHeaders, (req, res) => sendAsset(req, res, icon, ASSET_CACHE));
      app.use(site);
      app.use(API_BASE, resourceHeaders, webchatApi({ conversations, live, page, secret: ctx.secret, log }));
    },
    async start() {
      sweeper = setInterval(() => live.sweep(conversations.clock.now()), SWEEP_INTERVAL_MS);
      sweeper.unref();
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      live.closeSubscribers();
    },
  };
}
