/**
 * The caseworker console, put together: accounts, sessions, the audit log and quick replies in
 * the database; the page and its API under /console behind the console's security headers,
 * with the supervisors' dashboard of anonymous counts; presence for the handoff core; the
 * optional Telegram group notice; and a sweeper for expired sessions and old audit entries.
 */
import express, { type Express } from 'express';
import type { Texts } from '../engine/texts';
import type { Logger } from '../server/logger';
import type { Db } from '../store/database';
import { Accounts } from './accounts';
import { adminRoutes } from './admin-routes';
import { consoleErrorHandler, sendError } from './api-errors';
import { AuditLog, SYSTEM } from './audit-log';
import { CONSOLE_BASE, ConsolePage, defaultConsoleFiles, readConsoleAssets, type ConsoleFiles } from './console-page';
import { ConsoleSessions } from './console-sessions';
import type { ConsoleDeps } from './deps';
import { Presence } from './event-stream';
import type { GuardDeps } from './guard';
import { localhostOnly } from './guard';
import { handoffRoutes } from './handoff-routes';
import type { ConsoleHandoffs } from './handoff-port';
import { insightRoutes } from './insight-routes';
import type { ConsoleInsights } from './insights-port';
import { pageRoutes } from './page-routes';
import { QuickReplies } from './quick-replies';
import { quickReplyRoutes } from './quick-reply-routes';
import { ConsoleRoutes, type RouteInfo } from './route-table';
import { consoleHeaders } from './security-headers';
import { sessionRoutes } from './session-routes';
import type { ConsoleSettings } from './settings';
import { SignIn } from './sign-in';
import { TelegramNotice } from './telegram-notice';

/** Expired sessions and audit entries past their retention are removed this often. */
export const CONSOLE_SWEEP_MS = 60_000;
const DAY = 24 * 60 * 60 * 1000;

export interface ConsoleContext {
  db: Db;
  handoffs: ConsoleHandoffs;
  /** the anonymous counters, for the supervisors' dashboard */
  insights: ConsoleInsights;
  texts: Texts;
  log: Logger;
  /** the clock of the conversations (tests move it) */
  now?: () => number;
}

export interface ConsoleOptions {
  /** where the page's files are (tests and deployments with their own build folder) */
  files?: ConsoleFiles;
}

export interface CaseworkerConsole {
  mount(app: Express): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** every route and who may use it */
  routes(): readonly RouteInfo[];
  /** the router itself (a test walks its stack) */
  router: express.Router;
  deps: ConsoleDeps;
}

export function createConsole(ctx: ConsoleContext, settings: ConsoleSettings, options: ConsoleOptions = {}): CaseworkerConsole {
  const now = ctx.now ?? (() => Date.now());
  const { db, log, texts } = ctx;
  const secure = !settings.HAVEN_CONSOLE_INSECURE_COOKIE;
  const accounts = new Accounts(db);
  const sessions = new ConsoleSessions(db, settings.HAVEN_CONSOLE_IDLE_MINUTES * 60_000, settings.HAVEN_CONSOLE_SESSION_HOURS * 3_600_000);
  const audit = new AuditLog(db);
  const quickReplies = new QuickReplies(db);
  const lockout = { failures: settings.HAVEN_CONSOLE_LOCKOUT_FAILURES, ms: settings.HAVEN_CONSOLE_LOCKOUT_MINUTES * 60_000 };
  const signIn = new SignIn(accounts, sessions, audit, {
    perIp: settings.HAVEN_CONSOLE_SIGNIN_PER_IP,
    perAccount: settings.HAVEN_CONSOLE_SIGNIN_PER_ACCOUNT,
    lockoutFailures: lockout.failures,
    lockoutMs: lockout.ms,
  });
  const guard: GuardDeps = { accounts, sessions, secure, origin: settings.HAVEN_CONSOLE_ORIGIN, now };
  const deps: ConsoleDeps = {
    handoffs: ctx.handoffs,
    db,
    insights: ctx.insights,
    accounts,
    sessions,
    audit,
    quickReplies,
    signIn,
    presence: new Presence(ctx.handoffs),
    texts,
    log,
    cookie: { secure, maxAgeSeconds: settings.HAVEN_CONSOLE_SESSION_HOURS * 3600 },
    guard,
    lockout,
    now,
  };

  const { assets, template } = readConsoleAssets(options.files ?? defaultConsoleFiles());
  const page = new ConsolePage(template, texts, assets);
  const router = express.Router();
  const table = new ConsoleRoutes(router, guard);
  pageRoutes(table, deps, page, assets);
  sessionRoutes(table, deps);
  handoffRoutes(table, deps);
  quickReplyRoutes(table, deps);
  adminRoutes(table, deps);
  insightRoutes(table, deps);
  router.use('/api', (_req, res) => sendError(res, 'not_found', 'no such console API route; see docs/console.md'));
  router.use(consoleErrorHandler(log));

  if (quickReplies.count() === 0 && !audit.has('quick_replies_seeded')) {
    const n = quickReplies.seed(texts, now());
    audit.record(SYSTEM, 'quick_replies_seeded', now(), { detail: String(n) });
  }

  const notice =
    settings.HAVEN_CONSOLE_TELEGRAM_CHAT_ID && settings.TELEGRAM_TOKEN
      ? new TelegramNotice({ apiRoot: settings.TELEGRAM_API_ROOT, token: settings.TELEGRAM_TOKEN, chatId: settings.HAVEN_CONSOLE_TELEGRAM_CHAT_ID, handoffs: ctx.handoffs, texts, log })
      : null;
  if (settings.HAVEN_CONSOLE_TELEGRAM_CHAT_ID && !settings.TELEGRAM_TOKEN) {
    log.warn('HAVEN_CONSOLE_TELEGRAM_CHAT_ID is set but TELEGRAM_TOKEN is not: the caseworkers\' group will not be told about new requests');
  }
  let sweeper: NodeJS.Timeout | undefined;
  const retentionMs = settings.HAVEN_RETAIN_AUDIT_DAYS * DAY;

  return {
    router,
    deps,
    routes: () => table.routes(),
    mount(app) {
      if (!secure) {
        log.warn('HAVEN_CONSOLE_INSECURE_COOKIE is on: the console session cookie is sent without Secure, and the console answers only on localhost. Never use this in production.');
        app.use(CONSOLE_BASE, consoleHeaders, localhostOnly(), router);
      } else app.use(CONSOLE_BASE, consoleHeaders, router);
    },
    async start() {
      notice?.start();
      sweeper = setInterval(() => {
        sessions.sweep(now());
        audit.sweep(now(), retentionMs);
      }, CONSOLE_SWEEP_MS);
      sweeper.unref();
      if (accounts.activeSupervisors() === 0) {
        log.warn('the caseworker console has no supervisor account yet: create one with `haven caseworker add --role supervisor`');
      }
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      deps.presence.closeAll();
      await notice?.stop();
    },
  };
}
