/**
 * Headers on every web chat response. The page loads only its own script, style and icon and
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

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
};
