/**
 * Who may use a console route. Every API route goes through `guard`: a live session (else
 * 401), a same-origin request (else 403: the Origin header, when sent, must be the console's
 * own, and must be sent on anything that changes state; Sec-Fetch-Site, when sent, must say
 * same-origin), the session's CSRF token in the X-CSRF-Token header (else 403), and the role
 * the route needs (else 403). The cookie alone never authorises anything.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Account, Accounts, Role } from './accounts';
import type { Actor } from './audit-log';
import { sendError } from './api-errors';
import type { ConsoleSession, ConsoleSessions } from './console-sessions';
import { sessionToken } from './cookies';

export const CSRF_HEADER = 'x-csrf-token';

export interface Viewer {
  account: Account;
  session: ConsoleSession;
  actor: Actor;
}

export interface GuardDeps {
  accounts: Accounts;
  sessions: ConsoleSessions;
  /** whether the cookie is Secure (its name depends on it) */
  secure: boolean;
  /** HAVEN_CONSOLE_ORIGIN, or undefined to expect the host the request was sent to */
  origin: string | undefined;
  now(): number;
}

const viewers = new WeakMap<Request, Viewer>();

/** The signed-in viewer of a request that passed `guard`. */
export function viewerOf(req: Request): Viewer {
  const v = viewers.get(req);
  if (!v) throw new Error('viewerOf() on a route without guard()');
  return v;
}

/** The viewer for a request's cookie (no origin or CSRF check: for rendering the page shell). */
export function sessionViewer(req: Request, d: GuardDeps): Viewer | null {
  const token = sessionToken(req, d.secure);
  if (!token) return null;
  const session = d.sessions.find(token, d.now());
  if (!session) return null;
  const account = d.accounts.get(session.caseworkerId);
  if (!account || account.disabledAt !== null) {
    d.sessions.end(session.tokenHash);
    return null;
  }
  return { account, session, actor: { id: account.id, name: account.username } };
}

/** The origin this console is served from, as a browser would write it in Origin. */
export function expectedOrigin(req: Request, configured: string | undefined): string {
  return configured ?? `${req.protocol}://${req.get('host') ?? ''}`;
}

/** Whether a request comes from the console's own pages (not another site, not a form elsewhere). */
export function isSameOrigin(req: Request, configured: string | undefined): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.get('origin');
  if (origin === undefined) return req.method === 'GET' || req.method === 'HEAD';
  return origin === expectedOrigin(req, configured);
}

export function guard(d: GuardDeps, role?: Role): RequestHandler {
  return (req, res, next) => {
    const viewer = sessionViewer(req, d);
    if (!viewer) return sendError(res, 'signed_out', 'sign in first');
    if (!isSameOrigin(req, d.origin)) return sendError(res, 'cross_site', 'requests must come from the console\'s own page');
    if (!csrfMatches(req, viewer.session.csrfToken)) return sendError(res, 'csrf', 'missing or wrong X-CSRF-Token header; reload the console');
    if (role && viewer.account.role !== role) return sendError(res, 'forbidden', `only a ${role} may do this`);
    viewers.set(req, viewer);
    next();
  };
}

/** For the sign-in route, which has no session yet: same-origin only. */
export function sameOriginOnly(d: Pick<GuardDeps, 'origin'>): RequestHandler {
  return (req, res, next) => {
    if (!isSameOrigin(req, d.origin) || req.get('origin') === undefined) {
      return sendError(res, 'cross_site', 'sign in from the console\'s own page');
    }
    next();
  };
}

/** With HAVEN_CONSOLE_INSECURE_COOKIE, the console answers only requests to localhost. */
export function localhostOnly(): RequestHandler {
  return (req, res, next) => {
    if (['localhost', '127.0.0.1', '[::1]', '::1'].includes(req.hostname)) return next();
    sendError(res, 'localhost_only', 'HAVEN_CONSOLE_INSECURE_COOKIE is on: the console answers only on http://localhost');
  };
}

function csrfMatches(req: Request, expected: string): boolean {
  const given = Buffer.from(req.get(CSRF_HEADER) ?? '');
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
