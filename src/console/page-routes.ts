/**
 * The page and its files, which need no session: the page is the same shell for everyone
 * (the sign-in form, or the desk when the request carries a live session), and its files hold
 * nothing but code, style and an icon.
 *
 *   GET /              the page, in ?lang= or the browser's language
 *   GET /console.css, /console.js, /icon.svg
 */
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { pickLanguage } from '../i18n/language';
import type { ConsoleAsset, ConsoleAssets, ConsolePage } from './console-page';
import { ASSET_PATHS } from './console-page';
import type { ConsoleDeps } from './deps';
import { deskMe } from './desk-views';
import { sessionViewer } from './guard';
import type { ConsoleRoutes } from './route-table';

/** Assets are named by content hash, so a browser may keep them. */
const ASSET_CACHE = 'public, max-age=604800, immutable';

export function pageRoutes(r: ConsoleRoutes, d: ConsoleDeps, page: ConsolePage, assets: ConsoleAssets): void {
  const languages = d.texts.languages;

  r.add('get', '/', 'public', (req, res) => {
    const asked = typeof req.query['lang'] === 'string' ? req.query['lang'] : '';
    const lang = (languages.includes(asked) ? asked : null) ?? pickLanguage(req.get('accept-language'), languages) ?? languages[0] ?? 'en';
    // A page opened from another site never gets the session (SameSite=Strict keeps the cookie
    // back too); one opened from a bookmark or the address bar (Sec-Fetch-Site: none) does.
    const site = req.get('sec-fetch-site');
    const viewer = site === undefined || site === 'none' || site === 'same-origin' ? sessionViewer(req, d.guard) : null;
    const body = page.render(lang, viewer ? { me: deskMe(viewer.account), csrf: viewer.session.csrfToken } : null);
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': lang });
    res.vary('Accept-Language').vary('Cookie').vary('Accept-Encoding');
    // Rendered per request (it may carry the session's CSRF token), so gzipped per request: ~2 ms.
    if (acceptsGzip(req)) {
      res.set('Content-Encoding', 'gzip');
      res.send(gzipSync(body, { level: 6 }));
    } else res.send(body);
  });

  r.add('get', ASSET_PATHS.css, 'public', (req, res) => sendAsset(req, res, assets.css));
  r.add('get', ASSET_PATHS.js, 'public', (req, res) => sendAsset(req, res, assets.js));
  r.add('get', ASSET_PATHS.icon, 'public', (req, res) => sendAsset(req, res, assets.icon));
}

function sendAsset(req: Request, res: Response, asset: ConsoleAsset): void {
  const etag = `"${asset.hash}"`;
  res.set({ 'Content-Type': asset.type, 'Cache-Control': ASSET_CACHE, ETag: etag });
  res.vary('Accept-Encoding');
  if (req.get('if-none-match') === etag) return void res.status(304).end();
  const gzip = acceptsGzip(req) && asset.gzip.length < asset.body.length;
  if (gzip) res.set('Content-Encoding', 'gzip');
  res.send(gzip ? asset.gzip : asset.body);
}

function acceptsGzip(req: Request): boolean {
  const accepted = req.get('accept-encoding') ?? '';
  return /\bgzip\b/.test(accepted) && !/\bgzip\s*;\s*q=0(\.0*)?\b/.test(accepted);
}
