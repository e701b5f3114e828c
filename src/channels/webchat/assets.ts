/**
 * The page's files, read once at start and served from memory: the HTML template, the style
 * sheet, the compiled script and the icon. Each is gzipped once (2G links pay per byte) and
 * named by a hash of its content, so browsers may cache it and never get a stale one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** A tab icon larger than this is refused at start (it would cost 2G users seconds). */
export const MAX_ICON_BYTES = 32 * 1024;

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  /** a short hash of the content, used in URLs (`?v=`) and as the ETag */
  hash: string;
}

export interface AssetFiles {
  template: string;
  css: string;
  js: string;
  icon: string;
}

/** Where the files are: sources in `public/webchat/`, the compiled script in `dist/public/webchat/`. */
export function defaultAssetFiles(root = findRoot()): AssetFiles {
  return {
    template: path.join(root, 'public', 'webchat', 'index.html'),
    css: path.join(root, 'public', 'webchat', 'webchat.css'),
    js: path.join(root, 'dist', 'public', 'webchat', 'webchat.js'),
    icon: path.join(root, 'public', 'webchat', 'icon.svg'),
  };
}

export class AssetError extends Error {}

export function readAsset(file: string, type: string, maxBytes = Infinity): Asset {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    const hint = file.endsWith('.js') ? ' (run `npm run build` to compile the web chat script)' : '';
    throw new AssetError(`web chat: cannot read ${file}${hint}`);
  }
  if (body.length > maxBytes) throw new AssetError(`web chat: ${file} is larger than ${maxBytes} bytes`);
  return { body, gzip: gzipSync(body, { level: 9 }), type, hash: createHash('sha256').update(body).digest('base64url').slice(0, 12) };
}

export function iconType(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.svg' ? 'image/svg+xml' : ext === '.png' ? 'image/png' : 'image/x-icon';
}

/** Send an asset, gzipped when the browser accepts it, or 304 when it already has this version. */
export function sendAsset(req: Request, res: Response, asset: Asset, cacheControl: string): void {
  const etag = `"${asset.hash}"`;
  res.set({ 'Content-Type': asset.type, 'Cache-Control': cacheControl, ETag: etag });
  res.vary('Accept-Encoding');
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  sendBody(req, res, asset.body, asset.gzip);
}

/** Send a body gzipped when the browser accepts gzip and it is worth it. */
export function sendBody(req: Request, res: Response, body: Buffer, gzip: Buffer | null): void {
  res.vary('Accept-Encoding');
  if (gzip && gzip.length < body.length && acceptsGzip(req)) {
    res.set('Content-Encoding', 'gzip');
    res.send(gzip);
    return;
  }
  res.send(body);
}

function acceptsGzip(req: Request): boolean {
  return /\bgzip\b/.test(req.get('accept-encoding') ?? '') && !/\bgzip\s*;\s*q=0(\.0*)?\b/.test(req.get('accept-encoding') ?? '');
}

function findRoot(): string {
  // src/channels/webchat -> repo root; dist/src/channels/webchat -> dist -> repo root
  const up = path.resolve(__dirname, '..', '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}
