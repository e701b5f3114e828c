/**
 * The queue and the handoffs, each access written to the audit log.
 *
 *   GET  /api/events                    the live feed (server-sent events)
 *   GET  /api/handoffs                  the queue: waiting time, language, urgency (no content)
 *   GET  /api/handoffs/:id              one handoff with its shared summary      (audit: open)
 *   GET  /api/handoffs/:id/messages     its messages, optionally ?after=id       (audit: read)
 *   POST /api/handoffs/:id/accept       take it; the person is told who answers (audit: accept)
 *   POST /api/handoffs/:id/messages     { text }: relayed to the person          (audit: write)
 *   POST /api/handoffs/:id/close        { outcome, referredTo? }                 (audit: close)
 */
import express, { type Request, type Response } from 'express';
import { sendError } from './api-errors';
import type { ConsoleDeps } from './deps';
import { access, deskHandoff, deskMessage, queueItem, queueOrder } from './desk-views';
import { openConsoleStream } from './event-stream';
import { viewerOf, type Viewer } from './guard';
import { HandoffError, type HandoffView } from './handoff-port';
import { CloseBody, firstIssue, HandoffId, MAX_BODY_BYTES, MessagesQuery, SendBody } from './requests';
import type { ConsoleRoutes } from './route-table';

export function handoffRoutes(r: ConsoleRoutes, d: ConsoleDeps): void {
  const json = express.json({ limit: MAX_BODY_BYTES, type: 'application/json' });
  const streamDeps = { handoffs: d.handoffs, sessions: d.sessions, accounts: d.accounts, presence: d.presence, now: d.now };

  r.add('get', '/api/events', 'signed_in', (req, res) => openConsoleStream(req, res, viewerOf(req), streamDeps));

  r.add('get', '/api/handoffs', 'signed_in', (req, res) => {
    const v = viewerOf(req);
    const list = d.handoffs.list(v.account).sort(queueOrder);
    res.json({ handoffs: list.map((h) => queueItem(h, v.account, d.accounts)) });
  });

  r.add('get', '/api/handoffs/:id', 'signed_in', (req, res) => {
    const found = handoff(req, res, 'open');
    if (!found) return;
    d.audit.record(found.v.actor, 'open', d.now(), { handoffId: found.h.id });
    res.json({ handoff: deskHandoff(found.h, found.v.account, d.accounts) });
  });

  r.add('get', '/api/handoffs/:id/messages', 'signed_in', (req, res) => {
    const query = MessagesQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'invalid_request', firstIssue(query.error));
    const found = handoff(req, res, 'read');
    if (!found) return;
    const after = query.data.after;
    // Messages kept only in memory (no consent to store) have negative ids counting down.
    const all = d.handoffs.messages(found.h.id);
    const messages = after === undefined ? all : all.filter((m) => (after < 0 ? m.id < after : m.id > after));
    d.audit.record(found.v.actor, 'read', d.now(), { handoffId: found.h.id });
    res.json({ messages: messages.map(deskMessage) });
  });

  r.add('post', '/api/handoffs/:id/accept', 'signed_in', async (req, res) => {
    const found = handoff(req, res, 'open');
    if (!found) return;
    try {
      const h = await d.handoffs.accept(found.h.id, found.v.account);
      d.audit.record(found.v.actor, 'accept', d.now(), { handoffId: h.id });
      res.json({ handoff: deskHandoff(h, found.v.account, d.accounts) });
    } catch (e) {
      refused(res, e);
    }
  });

  r.add('post', '/api/handoffs/:id/messages', 'signed_in', json, async (req, res) => {
    const body = SendBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const found = handoff(req, res, 'write');
    if (!found) return;
    try {
      const message = await d.handoffs.send(found.h.id, found.v.account, body.data.text);
      d.audit.record(found.v.actor, 'write', d.now(), { handoffId: found.h.id });
      res.status(201).json({ message: deskMessage(message) });
    } catch (e) {
      refused(res, e);
    }
  });

  r.add('post', '/api/handoffs/:id/close', 'signed_in', json, async (req, res) => {
    const body = CloseBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const found = handoff(req, res, 'close');
    if (!found) return;
    const { outcome, referredTo } = body.data;
    try {
      await d.handoffs.close(found.h.id, found.v.account, outcome, outcome === 'referred' ? referredTo : undefined);
      const detail = outcome === 'referred' && referredTo ? `${outcome}: ${referredTo}` : outcome;
      d.audit.record(found.v.actor, 'close', d.now(), { handoffId: found.h.id, detail });
      res.status(204).end();
    } catch (e) {
      refused(res, e);
    }
  });

  /** The handoff in the path, if the viewer may do `what` with it; otherwise answered here. */
  function handoff(req: Request, res: Response, what: keyof typeof access): { v: Viewer; h: HandoffView } | null {
    const id = HandoffId.safeParse(req.params['id']);
    if (!id.success) {
      sendError(res, 'invalid_request', firstIssue(id.error));
      return null;
    }
    const v = viewerOf(req);
    const h = d.handoffs.get(id.data);
    // A handoff the viewer may not see is answered like one that does not exist.
    if (!h || !access.open(v.account, h)) {
      sendError(res, 'not_found', 'no such handoff (it was closed without consent to keep it, or erased)');
      return null;
    }
    if (!access[what](v.account, h)) {
      sendError(res, what === 'read' || what === 'open' ? 'forbidden' : 'conflict', conflictMessage(what, h));
      return null;
    }
    return { v, h };
  }

  function refused(res: Response, e: unknown): void {
    if (!(e instanceof HandoffError)) throw e;
    sendError(res, e.status === 403 ? 'forbidden' : e.status === 400 ? 'invalid_request' : 'conflict', e.message);
  }
}

function conflictMessage(what: keyof typeof access, h: HandoffView): string {
  if (h.status === 'closed') return 'this handoff is closed';
  if (what === 'read') return 'accept this handoff to read its messages';
  return h.status === 'waiting' ? 'accept this handoff first' : 'another caseworker has this handoff';
}
