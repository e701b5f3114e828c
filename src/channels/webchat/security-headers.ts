/**
 * Headers on web chat responses. The page loads only its own script, style and icon and
 * talks only to its own origin; no inline script, no eval, no frames, no forms that could put
 * what someone typed into a URL, and no Referer sent to the quick exit site or anywhere else.
 */
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  // The page sends with fetch; a form that submitted by itself would put the text in a URL.
  "form-action 'none'",
  "frame-ancestors 'none'",
  // The page never builds HTML from strings; Trusted Types make the browser enforce that.
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()',
  // A shared phone's browser cache must not keep the chat; assets that reveal nothing override this.
  'Cache-Control': 'no-store',
};

/**
 * For the script, style, icon and API answers: what matters for a resource that is never a
 * page. Shorter than the page's set, because every byte of headers costs on 2G.
 */
export const RESOURCE_HEADERS: Readonly<Record<string, string>> = {
  // Opened directly as a page (a JSON answer in a tab), it may do nothing at all.
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The headers of the chat page itself. */
export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
};

/** The headers of everything the page loads or calls. */
export const resourceHeaders: RequestHandler = (_req, res, next) => {
  res.set(RESOURCE_HEADERS);
  next();
};
