/**
 * Limits at the HTTP edge, for every route and for the routes a browser reaches directly:
 * request body size, requests per IP address, and the server's timeouts. Each answers in the
 * web chat API's error shape (`{ error: { code, message } }`) so pages handle it like any
 * other error.
 */
import http, { type RequestListener, type Server } from 'node:http';
import type { RequestHandler } from 'express';
import type { Metrics } from './metrics';
import type { RateLimiter } from './rate-limit';

/** Headers must arrive within this (or the request timeout, if shorter): slow-header attacks end here. */
export const HEADERS_TIMEOUT_MS = 20_000;
/**
 * An idle keep-alive connection is closed after this. Longer than the reverse proxy's own idle
 * timeout (the compose.yaml Caddy keeps upstream connections 30 s), so the proxy always closes
 * first and never sends a request on a connection Haven is closing.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Far more headers than any real client sends; any beyond this are ignored, not parsed. */
export const MAX_HEADERS_COUNT = 100;

/** 413 for any request whose declared body is larger than `maxBytes`, before anything reads it. */
export function bodySizeLimit(maxBytes: number, metrics?: Metrics): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.get('content-length') ?? 0);
    if (Number.isFinite(declared) && declared <= maxBytes) return next();
    metrics?.rateLimited('body');
    res.set('Connection', 'close');
    res.status(413).json({ error: { code: 'body_too_large', message: `the body is larger than ${maxBytes} bytes; nothing was changed` } });
  };
}

/**
 * 415 for a request body that is compressed or not UTF-8. No client of Haven sends either
 * (browsers, Telegram and Bot Framework send plain UTF-8), inflating a body is work, and a
 * decompression bomb, that nobody needs, and a body that only claims to be gzip or KOI8-R
 * would otherwise reach the routes' parsers as an error they may not expect.
 */
export function plainUtf8Bodies(): RequestHandler {
  return (req, res, next) => {
    const encoding = (req.get('content-encoding') ?? '').trim().toLowerCase();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
    if ((encoding === '' || encoding === 'identity') && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) return next();
    res.set('Connection', 'close');
    res.status(415).json({ error: { code: 'unsupported_media_type', message: 'send the body as plain UTF-8 (no Content-Encoding, no other charset)' } });
  };
}

/**
 * 429 once an IP address has used up its requests (`req.ip`, which honours `trust proxy`).
 * Mounted by `createApp` on the web chat API and the console; channels may mount it on
 * other routes a browser reaches. Never on webhooks: Telegram and Azure send every user's
 * updates from a few addresses.
 */
export function ipRateLimit(limiter: RateLimiter, metrics?: Metrics): RequestHandler {
  return (req, res, next) => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    if (limiter.take(ip, now)) return next();
    metrics?.rateLimited('ip');
    res.set('Retry-After', String(Math.max(1, Math.ceil(limiter.retryAfterMs(ip, now) / 1000))));
    res.status(429).json({ error: { code: 'rate_limited', message: 'too many requests from this address; try again in a few seconds' } });
  };
}

/** How often the server looks for requests past their timeouts (Node's default is 30 s). */
export const TIMEOUT_CHECK_MS = 1000;

/**
 * The HTTP server, with timeouts so that slow or idle clients cannot hold connections (or file
 * descriptors) forever: a slow-header or slow-body client is cut after the request timeout,
 * an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_MS. Long answers (event streams, long
 * polls) are not limited: the timeouts cover receiving the request, not sending the answer.
 */
export function createHttpServer(app: RequestListener, o: { requestTimeoutMs: number }): Server {
  const server = http.createServer(
    {
      requestTimeout: o.requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, o.requestTimeoutMs),
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    app,
  );
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  return server;
}
