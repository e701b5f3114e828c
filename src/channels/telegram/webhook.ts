/**
 * Webhook mode: Telegram POSTs each update to TELEGRAM_WEBHOOK_URL with the secret token in
 * `X-Telegram-Bot-Api-Secret-Token`. A missing or wrong secret gets 403 before the body is
 * even read; a body that is not JSON gets 400; anything else goes to grammY.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { webhookCallback, type Bot } from 'grammy';

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';
/** Updates are small (text is at most 4096 characters); anything bigger is not from Telegram. */
export const WEBHOOK_BODY_LIMIT = '256kb';
/**
 * Answer Telegram within this time even if replies are still being sent (flood limits can
 * hold them), so it does not deliver the same update again; the work carries on.
 */
const ANSWER_WITHIN_MS = 8000;

export function webhookRouter(bot: Bot, path: string, secret: string): Router {
  const handle = webhookCallback(bot, expressAdapter, {
    secretToken: secret,
    onTimeout: 'return',
    timeoutMilliseconds: ANSWER_WITHIN_MS,
  });
  const router = express.Router();
  router.post(
    path,
    (req, res, next) => {
      if (secretMatches(req.get(SECRET_HEADER), secret)) return next();
      res.status(403).json({ error: 'forbidden' });
    },
    express.json({ limit: WEBHOOK_BODY_LIMIT }),
    (req, res, next) => {
      if (!isUpdate(req.body)) return void res.status(400).json({ error: 'not a Telegram update' });
      // Well-formed JSON with impossible fields (a chat that is not an object, text that is not a
      // string) cannot come from Telegram: ignore it as handled, never let it reach the handlers.
      if (!hasPlausibleShape(req.body)) return void res.status(200).json({ ignored: true });
      next();
    },
    async (req, res) => {
      await handle(req, res);
    },
  );
  const onError: ErrorRequestHandler = (err: { type?: unknown }, _req, res, _next) => {
    if (res.headersSent) return void res.end();
    if (err.type === 'entity.parse.failed') res.status(400).json({ error: 'malformed JSON' });
    else if (err.type === 'entity.too.large') res.status(413).json({ error: 'too large' });
    else res.status(500).json({ error: 'could not handle the update' }); // Telegram will retry
  };
  router.use(path, onError);
  return router;
}

/** Constant-time comparison of the header with the secret (hashes make the lengths equal). */
export function secretMatches(header: string | undefined, secret: string): boolean {
  if (header === undefined) return false;
  const a = createHash('sha256').update(header).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

function isUpdate(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'update_id' in body && Number.isInteger(body.update_id);
}

/** grammY's express adapter, but a wrong secret is 403 (forbidden), as Haven documents. */
function expressAdapter(req: Request, res: Response) {
  return {
    update: req.body,
    header: req.get(SECRET_HEADER),
    end: () => void res.end(),
    respond: (json: string) => void res.type('application/json').send(json),
    unauthorized: () => void res.status(403).json({ error: 'forbidden' }),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parts Haven reads of a message or a button press have the types Telegram gives them. */
function hasPlausibleShape(body: unknown): boolean {
  if (!isObject(body)) return false;
  for (const field of ['message', 'edited_message', 'channel_post', 'edited_channel_post']) {
    if (body[field] !== undefined && !plausibleMessage(body[field])) return false;
  }
  const q = body['callback_query'];
  if (q !== undefined) {
    if (!isObject(q) || typeof q['id'] !== 'string' || !isObject(q['from']) || typeof q['from']['id'] !== 'number') return false;
    if (q['data'] !== undefined && typeof q['data'] !== 'string') return false;
    if (q['message'] !== undefined && !plausibleMessage(q['message'])) return false;
  }
  return true;
}

function plausibleMessage(m: unknown): boolean {
  if (!isObject(m) || typeof m['message_id'] !== 'number') return false;
  const chat = m['chat'];
  if (!isObject(chat) || typeof chat['id'] !== 'number' || typeof chat['type'] !== 'string') return false;
  if (m['from'] !== undefined && !(isObject(m['from']) && typeof m['from']['id'] === 'number')) return false;
  for (const f of ['text', 'caption']) if (m[f] !== undefined && typeof m[f] !== 'string') return false;
  const loc = m['location'];
  if (loc !== undefined && !(isObject(loc) && typeof loc['latitude'] === 'number' && typeof loc['longitude'] === 'number')) return false;
  return true;
}
