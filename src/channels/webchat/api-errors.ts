/**
 * Every error the web chat API answers with: an HTTP status and `{ error: { code, message } }`.
 * Codes are stable (pages and tests match on them); messages are for developers, in English.
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from '../../server/logger';
import { sendJson } from './json-reply';
import { MAX_BODY_BYTES, MAX_TEXT_BYTES } from './requests';

export type ApiErrorCode =
  | 'bad_json'
  | 'invalid_request'
  | 'empty_text'
  | 'text_too_long'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'unknown_token'
  | 'busy'
  | 'not_found'
  | 'internal';

const STATUS: Record<ApiErrorCode, number> = {
  bad_json: 400,
  invalid_request: 400,
  empty_text: 400,
  text_too_long: 413,
  body_too_large: 413,
  unsupported_media_type: 415,
  unknown_token: 401,
  busy: 503,
  not_found: 404,
  internal: 500,
};

export const MESSAGES = {
  bad_json: 'the body is not valid JSON',
  text_too_long: `text is longer than ${MAX_TEXT_BYTES} bytes; nothing was changed`,
  body_too_large: `the body is larger than ${MAX_BODY_BYTES} bytes; nothing was changed`,
  unsupported_media_type: 'send the body as application/json',
  unknown_token: 'no open conversation for this token (it ended or expired): start a new one with POST /api/webchat/session',
  busy: 'too many conversations are open; try again in a minute',
  not_found: 'no such web chat API route; see docs/webchat-api.md',
  internal: 'something went wrong on the server; the conversation is unchanged',
} as const;

export function sendError(res: Response, code: ApiErrorCode, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, STATUS[code], { error: { code, message } });
}

/** body-parser's errors (bad JSON, too large...) and anything thrown, as JSON errors. */
export function apiErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const type = typeof err === 'object' && err !== null && 'type' in err ? String(err.type) : '';
    if (type === 'entity.parse.failed') return sendError(res, 'bad_json', MESSAGES.bad_json);
    if (type === 'entity.too.large') return sendError(res, 'body_too_large', MESSAGES.body_too_large);
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return sendError(res, 'unsupported_media_type', 'send the body as UTF-8');
    }
    if (type === 'request.aborted') return; // the page went away; nothing to answer
    // Never the request body or the error's message: either could carry what the user typed.
    log.error({ err: { name: err instanceof Error ? err.name : typeof err, type, at: stackFrames(err) } }, 'web chat request failed');
    sendError(res, 'internal', MESSAGES.internal);
  };
}

/** Where an error was thrown, without its message (which might quote user input). */
function stackFrames(err: unknown): string | undefined {
  return err instanceof Error ? err.stack?.split('\n').slice(1, 6).join('\n') : undefined;
}
