/** Mount the directory's read API as the deployment's settings say (HAVEN_SERVICES_API, HAVEN_SERVICES_API_RATE). */
import type { Express } from 'express';
import { readSettings } from '../../server/settings';
import type { Db } from '../../store/database';
import { directorySettings } from '../settings';
import { mountServicesApi } from './services-api';

export function mountDirectoryApi(app: Express, db: Db, env: NodeJS.ProcessEnv = process.env): void {
  const settings = readSettings(directorySettings, env);
  if (!settings.HAVEN_SERVICES_API) return;
  mountServicesApi(app, { db, perMinute: settings.HAVEN_SERVICES_API_RATE });
}
