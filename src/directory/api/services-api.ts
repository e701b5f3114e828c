/**
 * `GET /api/services`: the directory for partners, HSDS-shaped, with the proximity search the
 * HSDA specification still lacks (lat/lon/radius), filters (category, age, language, gender,
 * open now), pagination and a per-IP rate limit. Confidential places come without address,
 * coordinates or distance. Nothing about a request is logged: its coordinates are a person's
 * whereabouts.
 */
import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../engine/types';
import { ipRateLimit } from '../../server/http-limits';
import { RateLimiter } from '../../server/rate-limit';
import type { Db } from '../../store/database';
import { CATEGORIES, CategorySchema, GENDERS } from '../categories';
import { Directory } from '../directory';
import { hsdsServiceAtLocation } from './hsds-json';

export const API_PATH = '/api/services';
/** Results a query can page through at most: narrow the radius for more. */
export const MAX_RESULTS = 500;
export const DEFAULT_RADIUS_KM = 10;
export const MAX_RADIUS_KM = 200;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 50;

const number = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[-+]?\d+(\.\d+)?$/, `${name} must be a number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));
const whole = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const ServicesQuery = z
  .object({
    lat: number('lat', -90, 90),
    lon: number('lon', -180, 180),
    radius: number('radius', 0.1, MAX_RADIUS_KM).optional(),
    category: z.string().pipe(CategorySchema).optional(),
    age: whole('age', 0, 150).optional(),
    language: z.string().regex(/^[a-zA-Z]{2,3}$/, 'language must be an ISO 639 code like uk').optional(),
    gender: z.enum(GENDERS, { message: `gender must be one of ${GENDERS.join(', ')}` }).optional(),
    open_now: z.enum(['true', 'false'], { message: 'open_now must be true or false' }).optional(),
    page: whole('page', 1, 1000).optional(),
    per_page: whole('per_page', 1, MAX_PER_PAGE).optional(),
  })
  .strict();

export interface ServicesApiOptions {
  db: Db;
  /** requests per minute per IP (and the burst allowed) */
  perMinute: number;
  clock?: Clock;
}

/** Mount the read API on an express app. */
export function mountServicesApi(app: Express, o: ServicesApiOptions): void {
  const directory = new Directory(o.db);
  const clock = o.clock ?? { now: () => Date.now() };
  const router = express.Router();
  router.use(ipRateLimit(new RateLimiter({ perMinute: o.perMinute, burst: o.perMinute })));
  router.get('/', (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req.query)) raw[k] = Array.isArray(v) ? v[0] : v;
    const parsed = ServicesQuery.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      const message = issue?.code === 'unrecognized_keys' ? `unknown parameter: ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid query');
      res.status(400).json({ error: { code: 'bad_request', message: field && !message.startsWith(field) ? `${field}: ${message}` : message } });
      return;
    }
    const q = parsed.data;
    const page = q.page ?? 1;
    const perPage = q.per_page ?? DEFAULT_PER_PAGE;
    const at = clock.now();
    const found = directory.nearest({
      point: { lat: q.lat, lon: q.lon },
      limit: MAX_RESULTS,
      maxKm: q.radius ?? DEFAULT_RADIUS_KM,
      ...(q.category ? { category: q.category } : {}),
      ...(q.age !== undefined ? { age: q.age } : {}),
      ...(q.language ? { language: q.language } : {}),
      ...(q.gender ? { gender: q.gender } : {}),
      openNow: q.open_now === 'true',
      at,
    });
    const totalPages = Math.max(1, Math.ceil(found.length / perPage));
    const contents = found.slice((page - 1) * perPage, page * perPage).map(hsdsServiceAtLocation);
    res.json({
      total_items: found.length,
      total_pages: totalPages,
      page_number: page,
      size: contents.length,
      first_page: page === 1,
      last_page: page >= totalPages,
      empty: contents.length === 0,
      contents,
    });
  });
  app.use(API_PATH, router);
}

/** For the docs: the categories a partner may filter by. */
export const API_CATEGORIES = CATEGORIES;
