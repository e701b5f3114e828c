/**
 * POST /api/messages: the JWT check (the Agents SDK's own), then the body: malformed JSON and
 * bodies that are not activities get 400 before the adapter sees them. A failure inside a
 * turn is logged by kind only and answered with a short apology, never with details.
 */
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { CloudAdapter } from '@microsoft/agents-hosting';
import type { Texts } from '../../engine/texts';
import type { Logger } from '../../server/logger';
import { CHANNEL, languageOf, type HavenAgent } from './activities';

export const MESSAGES_PATH = '/api/messages';
/** Activities are small; 4 KB of text plus channel data fits many times over. */
export const BODY_LIMIT = '256kb';

export function messagesRouter(adapter: CloudAdapter, agent: HavenAgent, texts: Texts, log: Logger): Router {
  adapter.onTurnError = async (context, error) => {
    log.error({ channel: CHANNEL, err: error instanceof Error ? error.name : typeof error }, 'Bot Framework turn failed');
    const lang = languageOf(context.activity, texts.languages);
    await context.sendActivity(texts.render(lang, 'engine', 'something_wrong', undefined) ?? '…').catch(() => undefined);
  };
  const router = express.Router();
  router.post(
    MESSAGES_PATH,
    (req, res, next) => void adapter.authorizeRequest(req, res, next),
    express.json({ limit: BODY_LIMIT }),
    (req, res, next) => {
      if (isActivity(req.body)) return next();
      res.status(400).json({ error: 'not an activity' });
    },
    async (req, res) => {
      try {
        await adapter.process(req, res, (context) => agent.run(context));
      } catch (e) {
        // The SDK refused the activity's shape (or could not reach its service URL).
        log.warn({ channel: CHANNEL, err: e instanceof Error ? e.name : typeof e }, 'Bot Framework activity refused');
        if (!res.headersSent) res.status(400).json({ error: 'invalid activity' });
      }
    },
  );
  const onError: ErrorRequestHandler = (err: { type?: unknown }, _req, res, _next) => {
    if (res.headersSent) return void res.end();
    if (err.type === 'entity.parse.failed') res.status(400).json({ error: 'malformed JSON' });
    else if (err.type === 'entity.too.large') res.status(413).json({ error: 'too large' });
    else res.status(500).json({ error: 'could not handle the activity' });
  };
  router.use(MESSAGES_PATH, onError);
  return router;
}

function isActivity(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'type' in body && typeof body.type === 'string';
}
