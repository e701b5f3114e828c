/**
 * Signing in and out, and changing one's own password.
 *
 *   POST /api/sign-in    { username, password } → { me, csrf } and the session cookie
 *   POST /api/sign-out   ends this session
 *   POST /api/password   { current, next }: a new password; every other session ends
 */
import express from 'express';
import { sendError } from './api-errors';
import { clearSessionCookie, setSessionCookie, sessionToken } from './cookies';
import { hashToken } from './console-sessions';
import type { ConsoleDeps } from './deps';
import { deskMe } from './desk-views';
import { sameOriginOnly, viewerOf } from './guard';
import { verifyPassword, passwordProblem } from './passwords';
import { firstIssue, MAX_BODY_BYTES, PasswordBody, SignInBody } from './requests';
import type { ConsoleRoutes } from './route-table';

export function sessionRoutes(r: ConsoleRoutes, d: ConsoleDeps): void {
  const json = express.json({ limit: MAX_BODY_BYTES, type: 'application/json' });

  r.add('post', '/api/sign-in', 'public', sameOriginOnly(d.guard), json, async (req, res) => {
    const body = SignInBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const result = await d.signIn.attempt(body.data.username, body.data.password, ip, d.now);
    if (!result.ok && result.reason === 'rate_limited') {
      d.log.warn({ event: 'console_sign_in_rate_limited' }, 'console sign-in attempts over the limit');
      res.set('Retry-After', String(result.retryAfterSeconds));
      return sendError(res, 'rate_limited', 'too many sign-in attempts; wait and try again');
    }
    if (!result.ok) return sendError(res, 'sign_in_failed', 'wrong username or password, or the account is locked or disabled');
    // A session the browser had before is ended: a new sign-in always gets a new token.
    const previous = sessionToken(req, d.cookie.secure);
    if (previous) d.sessions.end(hashToken(previous));
    setSessionCookie(res, result.created.token, d.cookie);
    res.json({ me: deskMe(result.account), csrf: result.created.session.csrfToken });
  });

  r.add('post', '/api/sign-out', 'signed_in', (req, res) => {
    const v = viewerOf(req);
    d.sessions.end(v.session.tokenHash);
    d.audit.record(v.actor, 'sign_out', d.now(), { subjectId: v.account.id });
    d.presence.end({ tokenHash: v.session.tokenHash });
    clearSessionCookie(res, d.cookie.secure);
    res.status(204).end();
  });

  r.add('post', '/api/password', 'signed_in', json, async (req, res) => {
    const v = viewerOf(req);
    const body = PasswordBody.safeParse(req.body);
    if (!body.success) return sendError(res, 'invalid_request', firstIssue(body.error));
    const problem = passwordProblem(body.data.next);
    if (problem) return sendError(res, 'invalid_request', `next: ${problem}`);
    const hash = d.accounts.passwordHash(v.account.id);
    if (!hash || !(await verifyPassword(body.data.current, hash))) {
      // A wrong current password counts towards the lockout, as at sign-in.
      const now = d.now();
      const locked = d.accounts.recordFailure(v.account.id, now, d.lockout.failures, d.lockout.ms);
      d.audit.record(v.actor, 'sign_in_failed', now, { subjectId: v.account.id, detail: 'wrong_current_password' });
      if (locked) {
        d.audit.record(v.actor, 'account_locked', now, { subjectId: v.account.id });
        d.sessions.endAllFor(v.account.id);
        d.presence.end({ caseworkerId: v.account.id });
      }
      return sendError(res, 'forbidden', 'the current password is wrong');
    }
    await d.accounts.setPassword(v.account.id, body.data.next, d.now());
    d.sessions.endAllFor(v.account.id, v.session.tokenHash);
    d.audit.record(v.actor, 'password_change', d.now(), { subjectId: v.account.id });
    res.status(204).end();
  });
}
