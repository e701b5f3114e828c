/**
 * The web chat HTTP API under /api/webchat (documented in docs/webchat-api.md):
 *
 *   POST /session     start a conversation; returns its token and the greeting
 *   POST /messages    one user input; the replies come on the stream (or in the reply)
 *   GET  /events      server-sent events: the bot's messages as they are said
 *   GET  /messages    the same messages by (long) polling, for links where streams fail
 *   POST /end         quick exit: forget the conversation now (sent with sendBeacon)
 *   GET  /ui/:lang    the page's own words in another language
 *
 * Bad input gets a JSON error and changes nothing; nothing here can throw past express.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Conversations } from '../../conversation/conversations';
import type { Logger } from '../../server/logger';
import { pseudonym } from '../../privacy/pseudonym';
import { apiErrorHandler, MESSAGES, sendError } from './api-errors';
import type { ChatPage } from './chat-page';
import { openEventStream } from './event-stream';
import { sendJson } from './json-reply';
import { type LiveConversation, type LiveConversations } from './live-conversations';
import {
  firstIssue,
  MAX_BODY_BYTES,
  MAX_TEXT_BYTES,
  MessageBody,
  PollQuery,
  StartBody,
  StreamQuery,
  toInput,
} from './requests';
import { erased, type WebMessage, webMessages } from './web-message';

export interface ApiDeps {
  conversations: Conversations;
  live: LiveConversations;
  page: ChatPage;
  /** the pseudonym secret, to forget a session whose live conversation is already gone */
  secret: string;
  log: Logger;
}

const TOKEN_TEXT = /^[A-Za-z0-9_-]{43}$/;
/** Where web chat turns come from (a web page cannot be written to later: no address). */
/** A turn's origin: the session key is the address a caseworker's message comes back to. */
const origin = (key: string) => ({ channel: 'webchat', address: key });

export function webchatApi(deps: ApiDeps): Router {
  const { conversations, live, page, log } = deps;
  const now = () => conversations.clock.now();
  const texts = conversations.engine.texts;
  const router = express.Router();
  const json = express.json({ limit: MAX_BODY_BYTES, strict: true, type: 'application/json' });

  router.post('/session', requireJson(true), json, async (req, res) => {
    const body = StartBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const opened = live.open(now());
    if (!opened) return sendError(res, 'busy', MESSAGES.busy);
    const { token, conversation } = opened;
    const langHint = body.data?.langHint || req.get('accept-language') || undefined;
    try {
      const result = conversations.turn(conversation.key, langHint ? { type: 'start', langHint } : { type: 'start' }, origin(conversation.key));
      await conversations.committed();
      const messages = conversation.push(webMessages(result.outputs, texts));
      const reply: WireStartReply = { token, last: conversation.last, messages };
      sendJson(res, 201, reply);
    } catch (err) {
      live.end(conversation, 'expired');
      throw err;
    }
  });

  router.post('/messages', requireJson(false), json, async (req, res) => {
    const conversation = authorize(req, res);
    if (!conversation) return;
    const body = MessageBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const { input, requestId, after } = body.data;
    if (input.type === 'text') {
      if (Buffer.byteLength(input.text, 'utf8') > MAX_TEXT_BYTES) return sendError(res, 'text_too_long', MESSAGES.text_too_long);
      if (input.text.trim() === '') return sendError(res, 'empty_text', 'text is empty');
    }
    const remembered = conversation.lastReply;
    if (requestId && remembered?.requestId === requestId) {
      // A retry of a request that was run: answer it again, do not run it twice.
      const reply: WireMessagesReply = { last: remembered.last, ended: false, erased: false };
      if (after !== undefined) reply.messages = conversation.after(after).filter((m) => m.seq <= remembered.last);
      return sendJson(res, 200, reply);
    }
    const result = conversations.turn(conversation.key, toInput(input), origin(conversation.key));
    // DELETE: the data is gone; when the flow has nothing more to ask, so is the conversation.
    const wasErased = erased(result.outputs);
    const ended = wasErased && result.state.stack.length === 0;
    if (ended) conversations.forget(conversation.key);
    // Nothing is said before the turn is on disk, so no answered turn can be lost in a crash.
    await conversations.committed();
    live.touch(conversation, now());
    // What was said before the erasure is dropped here too: a reload must not bring it back.
    if (wasErased) conversation.forgetKept();
    const said = conversation.push(webMessages(result.outputs, texts));
    const reply: WireMessagesReply = { last: conversation.last, ended, erased: wasErased };
    if (wasErased) reply.messages = said;
    else if (after !== undefined) reply.messages = conversation.after(after);
    if (ended) live.end(conversation, 'erased');
    else if (requestId) conversation.lastReply = { requestId, last: conversation.last };
    sendJson(res, 200, reply);
  });

  router.get('/messages', (req, res) => {
    const conversation = authorize(req, res);
    if (!conversation) return;
    const query = PollQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'invalid_request', firstIssue(query.error));
    const after = query.data.after ?? 0;
    const ready = conversation.after(after);
    const wait = query.data.wait ?? 0;
    if (ready.length > 0 || wait === 0) return sendJson(res, 200, pollReply(conversation, ready));
    waitForMessages(res, conversation, after, wait * 1000);
  });

  router.get('/events', (req, res) => {
    const conversation = authorize(req, res);
    if (!conversation) return;
    const query = StreamQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'invalid_request', firstIssue(query.error));
    const lastEventId = Number(req.get('last-event-id'));
    const after = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : (query.data.after ?? 0);
    openEventStream(req, res, conversation, after);
  });

  // Quick exit. sendBeacon cannot set headers, so the token may come as the text/plain body.
  router.post('/end', express.text({ limit: 1024, type: 'text/plain' }), async (req, res) => {
    const token = bearer(req) ?? (typeof req.body === 'string' ? req.body.trim() : '');
    if (TOKEN_TEXT.test(token)) {
      const conversation = live.find(token, now());
      if (conversation) live.end(conversation, 'exited');
      // Forget the session even if this server no longer knew the token (it restarted).
      conversations.forget(pseudonym(deps.secret, 'webchat', token));
      await conversations.committed();
    }
    res.status(204).end();
  });

  router.get('/ui/:lang', (req, res) => {
    const lang = req.params['lang'] ?? '';
    if (!texts.languages.includes(lang)) return sendError(res, 'not_found', `no language "${lang.slice(0, 10)}"`);
    res.set('Cache-Control', 'public, max-age=3600');
    res.json(page.ui(lang));
  });

  router.use((_req, res) => sendError(res, 'not_found', MESSAGES.not_found));
  router.use(apiErrorHandler(log));
  return router;

  function authorize(req: Request, res: Response): LiveConversation | null {
    const token = bearer(req);
    const conversation = token ? live.find(token, now()) : null;
    if (!conversation) sendError(res, 'unknown_token', MESSAGES.unknown_token);
    return conversation;
  }
}

function pollReply(conversation: LiveConversation, messages: WebMessage[]): WireMessagesReply {
  return { last: conversation.last, ended: false, erased: false, messages };
}

/** A long poll: answer with the first new messages, or with none when the wait is over. */
function waitForMessages(res: Response, conversation: LiveConversation, after: number, ms: number): void {
  let done = false;
  const finish = (reply: WireMessagesReply | null) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    unsubscribe();
    if (res.writableEnded || res.destroyed) return;
    if (reply) sendJson(res, 200, reply);
    else sendError(res, 'unknown_token', MESSAGES.unknown_token);
  };
  const timer = setTimeout(() => finish(pollReply(conversation, [])), ms);
  const unsubscribe = conversation.subscribe({
    deliver: () => finish(pollReply(conversation, conversation.after(after))),
    end: () => finish(null),
    close: () => finish(pollReply(conversation, [])),
  });
  res.on('close', () => finish(null));
}

function bearer(req: Request): string | null {
  const m = /^Bearer\s+([A-Za-z0-9_-]+)\s*$/i.exec(req.get('authorization') ?? '');
  return m?.[1] ?? null;
}

/** 415 unless the body is JSON; an empty body is fine where `optional`. */
function requireJson(optional: boolean): RequestHandler {
  return (req, res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (!hasBody && optional) return next();
    if (!req.is('application/json')) return sendError(res, 'unsupported_media_type', MESSAGES.unsupported_media_type);
    next();
  };
}
