/**
 * The express application: health, readiness and metrics, the limits every route shares, and
 * a last error handler; channels mount their routes in between (`createApp`, then each
 * channel's `mount`, then `finishApp`).
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import type { Engine } from '../engine/engine';
import { mountDirectoryApi } from '../directory/api/mount';
import type { Db } from '../store/database';
import { bodySizeLimit, ipRateLimit, plainUtf8Bodies } from './http-limits';
import { errorFields, type Logger } from './logger';
import { metrics as processMetrics, type Metrics, type RouteGroup } from './metrics';
import type { RateLimiter } from './rate-limit';
import type { TrustProxy } from './trust-proxy';

/** Routes a browser calls directly, where one address should not take everyone's capacity. */
export const BROWSER_API_PATHS = ['/api/webchat', '/api/console', '/console'];
/** Used when the caller sets no limit of its own (tests, embedding). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_TRUST_PROXY: TrustProxy = ['loopback', 'linklocal', 'uniquelocal'];

export interface AppLimits {
  trustProxy?: TrustProxy;
  maxBodyBytes?: number;
  /** per-IP limit on BROWSER_API_PATHS */
  ipLimiter?: RateLimiter;
}

export interface AppDeps {
  db: Db;
  /** when given, readiness also requires its flows to be loaded */
  engine?: Pick<Engine, 'flows'>;
  /** default: the process's metrics */
  metrics?: Metrics;
  limits?: AppLimits;
  /** bearer token required for /metrics; without one, only requests not relayed by a proxy may read it */
  metricsToken?: string;
  /** true once shutdown has begun: readiness fails so the proxy sends no new work */
  draining?: () => boolean;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  const metrics = deps.metrics ?? processMetrics;
  app.disable('x-powered-by');
  app.set('trust proxy', deps.limits?.trustProxy ?? DEFAULT_TRUST_PROXY);
  app.use(observe(metrics));
  // While shutting down, each answer closes its connection, so keep-alive clients move on and the server can stop.
  app.use((_req, res, next) => {
    if (deps.draining?.()) res.set('Connection', 'close');
    next();
  });
  app.use(bodySizeLimit(deps.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, metrics));
  app.use(plainUtf8Bodies());
  if (deps.limits?.ipLimiter) app.use(BROWSER_API_PATHS, ipRateLimit(deps.limits.ipLimiter, metrics));

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  const probe = writeProbe(deps.db);
  app.get('/readyz', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const reason = deps.draining?.() ? 'shutting_down' : deps.engine && deps.engine.flows.size === 0 ? 'no_flows' : probe();
    if (reason) res.status(503).json({ status: 'unavailable', reason });
    else res.json({ status: 'ready' });
  });

  app.get('/metrics', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!metricsAllowed(req, deps.metricsToken)) {
      res.status(403).json({
        error: { code: 'forbidden', message: 'metrics are read directly or with the bearer token set in HAVEN_METRICS_TOKEN' },
      });
      return;
    }
    const { contentType, body } = await metrics.exposition();
    res.set('Content-Type', contentType).send(body);
  });
  mountDirectoryApi(app, deps.db);
  return app;
}

/**
 * After the channels have mounted their routes: a JSON 404, and a last error handler that
 * logs without the error's message (it may quote what a user sent) and never shows a stack.
 */
export function finishApp(app: Express, o: { log: Logger }): void {
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
  });
  const last: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const status = httpStatus(err);
    // Counted as an error by `observe` when the 5xx goes out.
    if (status >= 500) o.log.error({ err: errorFields(err), route: routeGroup(req) }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ error: { code: status >= 500 ? 'internal' : 'bad_request', message: status >= 500 ? 'something went wrong on the server' : 'the request could not be read' } });
  };
  app.use(last);
}

/** Rewrite the one probe row: a real committed write, so a full disk or a read-only file shows here. */
function writeProbe(db: Db): () => string | null {
  let statement: ReturnType<Db['prepare']> | null = null;
  return () => {
    try {
      statement ??= db.prepare(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      );
      statement.run(Date.now());
      return null;
    } catch {
      return 'database_not_writable';
    }
  };
}

function metricsAllowed(req: Request, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  // No token: a proxy (which adds one of these headers) must not pass the metrics on to the world.
  return !req.get('x-forwarded-for') && !req.get('forwarded') && !req.get('x-real-ip');
}

/** Time every POST (a turn and its commit, a webhook) by route group and status class. */
function observe(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      if (res.statusCode >= 500) metrics.error('http');
      if (req.method !== 'POST') return;
      metrics.httpRequest(routeGroup(req), res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/** A fixed name for the part of the site a request went to; never the path (it may hold a token). */
export function routeGroup(req: Request): RouteGroup {
  const p = req.originalUrl.split('?')[0] ?? '';
  if (p.startsWith('/api/webchat')) return 'webchat';
  if (p.startsWith('/api/messages')) return 'botframework';
  if (p.startsWith('/telegram')) return 'telegram';
  if (p.startsWith('/console') || p.startsWith('/api/console')) return 'console';
  if (p === '/healthz' || p === '/readyz') return 'health';
  if (p === '/metrics') return 'metrics';
  if (req.method === 'GET') return 'page';
  return 'other';
}

function httpStatus(err: unknown): number {
  const s = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : NaN;
  return Number.isInteger(s) && s >= 400 && s < 600 ? s : 500;
}
