/**
 * What only supervisors do: manage accounts and read the audit log.
 *
 *   GET  /api/audit?before=&handoff=&actor=&limit=    newest first      (audit: audit_read)
 *   GET  /api/accounts
 *   POST /api/accounts                   { username, firstName, role, roleTitle } → a one-time password
 *   POST /api/accounts/:id/disable       signs the account out everywhere
 *   POST /api/accounts/:id/enable
 *   POST /api/accounts/:id/reset-password → a one-time password; lifts a lockout; signs out everywhere
 */
import express, { type Response } from 'express';
import { AccountError, temporaryPassword } from './accounts';
import { sendError } from './api-errors';
import type { ConsoleDeps } from './deps';
import { deskAccount, deskAuditEntry } from './desk-views';
import { viewerOf } from './guard';
import { AccountId, AuditQuery, firstIssue, MAX_BODY_BYTES, NewAccountBody } from './requests';
import type { ConsoleRoutes } from './route-table';

const DEFAULT_AUDIT_PAGE = 50;

export function adminRoutes(r: ConsoleRoutes, d: ConsoleDeps): void {
  const json = express.json({ limit: MAX_BODY_BYTES, type: 'application/json' });

  r.add('get', '/api/audit', 'supervisor', (req, res) => {
    const query = AuditQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 'invalid_request', firstIssue(query.error));
    const q = query.data;
    const limit = q.limit ?? DEFAULT_AUDIT_PAGE;
    const entries = d.audit.list({ before: q.before, handoffId: q.handoff, actorId: q.actor, limit });
    const v = viewerOf(req);
    d.audit.record(v.actor, 'audit_read', d.now(), { handoffId: q.handoff ?? null, subjectId: q.actor ?? null });
    res.json({ entries: entries.map(deskAuditEntry), next: entries.length === limit ? (entries.at(-1)?.id ?? null) : null });
  });

  r.add('get', '/api/accounts', 'supervisor', (_req, res) => {
    const now = d.now();
    res.json({ accounts: d.accounts.list().map((a) => deskAccount(a, now)) });
  });

  r.add('post', '/api/accounts', 'supervisor', json, async (req, res) => {
    const body = NewAccountBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const v = viewerOf(req);
    const password = temporaryPassword();
    try {
      const account = await d.accounts.create({ ...body.data, password }, d.now());
      d.audit.record(v.actor, 'account_create', d.now(), { subjectId: account.id, detail: `${account.username} (${account.role})` });
      res.status(201).json({ account: deskAccount(account, d.now()), password });
    } catch (e) {
      accountRefused(res, e);
    }
  });

  r.add('post', '/api/accounts/:id/disable', 'supervisor', (req, res) => setDisabled(req.params['id'], true, res, viewerOf(req)));
  r.add('post', '/api/accounts/:id/enable', 'supervisor', (req, res) => setDisabled(req.params['id'], false, res, viewerOf(req)));

  r.add('post', '/api/accounts/:id/reset-password', 'supervisor', async (req, res) => {
    const id = AccountId.safeParse(req.params['id']);
    if (!id.success) return sendError(res, 'invalid_request', firstIssue(id.error));
    const v = viewerOf(req);
    const password = temporaryPassword();
    try {
      await d.accounts.setPassword(id.data, password, d.now());
      d.sessions.endAllFor(id.data, id.data === v.account.id ? v.session.tokenHash : undefined);
      if (id.data !== v.account.id) d.presence.end({ caseworkerId: id.data });
      d.audit.record(v.actor, 'password_reset', d.now(), { subjectId: id.data });
      res.json({ account: deskAccount(d.accounts.get(id.data)!, d.now()), password });
    } catch (e) {
      accountRefused(res, e);
    }
  });

  function setDisabled(rawId: unknown, disabled: boolean, res: Response, v: ReturnType<typeof viewerOf>): void {
    const id = AccountId.safeParse(rawId);
    if (!id.success) return sendError(res, 'invalid_request', firstIssue(id.error));
    if (disabled && id.data === v.account.id) return sendError(res, 'conflict', 'you cannot disable your own account');
    try {
      const account = d.accounts.setDisabled(id.data, disabled, d.now());
      if (disabled) {
        d.sessions.endAllFor(id.data);
        d.presence.end({ caseworkerId: id.data });
      }
      d.audit.record(v.actor, disabled ? 'account_disable' : 'account_enable', d.now(), { subjectId: id.data, detail: account.username });
      res.json({ account: deskAccount(account, d.now()) });
    } catch (e) {
      accountRefused(res, e);
    }
  }
}

function accountRefused(res: Response, e: unknown): void {
  if (!(e instanceof AccountError)) throw e;
  const code = e.code === 'not_found' ? 'not_found' : e.code === 'invalid' ? 'invalid_request' : 'conflict';
  sendError(res, code, e.message);
}
