/**
 * Quick replies: every signed-in caseworker reads them (in the person's language); supervisors
 * write them.
 *
 *   GET    /api/quick-replies?lang=uk
 *   POST   /api/quick-replies        { lang, title, body, position? }   (supervisor)
 *   PUT    /api/quick-replies/:id    { lang, title, body, position? }   (supervisor)
 *   DELETE /api/quick-replies/:id                                      (supervisor)
 */
import express from 'express';
import { sendError } from './api-errors';
import type { ConsoleDeps } from './deps';
import { deskQuickReply } from './desk-views';
import { viewerOf } from './guard';
import { firstIssue, MAX_BODY_BYTES, NumericId, QuickRepliesQuery, QuickReplyBody } from './requests';
import type { ConsoleRoutes } from './route-table';

export function quickReplyRoutes(r: ConsoleRoutes, d: ConsoleDeps): void {
  const json = express.json({ limit: MAX_BODY_BYTES, type: 'application/json' });
  const languages = d.texts.languages;

  r.add('get', '/api/quick-replies', 'signed_in', (req, res) => {
    const query = QuickRepliesQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'invalid_request', firstIssue(query.error));
    res.json({ quickReplies: d.quickReplies.list(query.data.lang).map(deskQuickReply) });
  });

  r.add('post', '/api/quick-replies', 'supervisor', json, (req, res) => {
    const body = QuickReplyBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    if (!languages.includes(body.data.lang)) return sendError(res, 'invalid_request', `lang: must be one of ${languages.join(', ')}`);
    const v = viewerOf(req);
    const now = d.now();
    const reply = d.quickReplies.create({ ...body.data, position: body.data.position ?? 0 }, v.account.id, now);
    d.audit.record(v.actor, 'quick_reply_create', now, { detail: `#${reply.id} ${reply.lang}` });
    res.status(201).json({ quickReply: deskQuickReply(reply) });
  });

  r.add('put', '/api/quick-replies/:id', 'supervisor', json, (req, res) => {
    const id = NumericId.safeParse(req.params['id']);
    if (!id.success) return sendError(res, 'invalid_request', firstIssue(id.error));
    const body = QuickReplyBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    if (!languages.includes(body.data.lang)) return sendError(res, 'invalid_request', `lang: must be one of ${languages.join(', ')}`);
    const v = viewerOf(req);
    const now = d.now();
    const before = d.quickReplies.get(id.data);
    const reply = d.quickReplies.update(id.data, { ...body.data, position: body.data.position ?? before?.position ?? 0 }, v.account.id, now);
    if (!reply) return sendError(res, 'not_found', 'no such quick reply');
    d.audit.record(v.actor, 'quick_reply_update', now, { detail: `#${reply.id} ${reply.lang}` });
    res.json({ quickReply: deskQuickReply(reply) });
  });

  r.add('delete', '/api/quick-replies/:id', 'supervisor', (req, res) => {
    const id = NumericId.safeParse(req.params['id']);
    if (!id.success) return sendError(res, 'invalid_request', firstIssue(id.error));
    if (!d.quickReplies.remove(id.data)) return sendError(res, 'not_found', 'no such quick reply');
    const v = viewerOf(req);
    d.audit.record(v.actor, 'quick_reply_delete', d.now(), { detail: `#${id.data}` });
    res.status(204).end();
  });
}
