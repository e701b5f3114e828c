/** The express application: health endpoints now; channels mount their routes here. */
import express, { type Express } from 'express';
import type { Db } from '../store/database';

export interface AppDeps {
  db: Db;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    try {
      deps.db.prepare('SELECT 1').get();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return app;
}
