/**
 * Every error the console API answers with: an HTTP status and `{ error: { code, message } }`.
 * Codes are stable (the page and the tests match on them); messages are in English, for
 * developers and logs, and never quote what anyone typed.
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '../server/logger';

export type ConsoleErrorCode =
  | 'signed_out'
  | 'sign_in_failed'
  | 'cross_site'
  | 'csrf'
  | 'forbidden'
  | 'localhost_only'
  | 'invalid_request'
  | 'bad_json'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal';

const STATUS: Record<ConsoleErrorCode, number> = {
  signed_out: 401,
  sign_in_failed: 401,
  cross_site: 403,
  csrf: 403,
  forbidden: 403,
  localhost_only: 403,
  invalid_request: 400,
  bad_json: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

export function sendError(res: Response, code: ConsoleErrorCode, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(STATUS[code]).json({ error: { code, message } });
}

/** body-parser's errors and anything thrown, as JSON errors; logged without message or body. */
export function consoleErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
    if (type === 'entity.parse.failed') return sendError(res, 'bad_json', 'the body is not valid JSON');
    if (type === 'entity.too.large') return sendError(res, 'body_too_large', 'the body is too large; nothing was changed');
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') return sendError(res, 'unsupported_media_type', 'send the body as UTF-8 JSON');
    if (type === 'request.aborted') return;
    log.error({ err: { name: err instanceof Error ? err.name : typeof err, type, at: err instanceof Error ? err.stack?.split('\n').slice(1, 6).join('\n') : undefined } }, 'console request failed');
    sendError(res, 'internal', 'something went wrong on the server; nothing was changed');
  };
}
