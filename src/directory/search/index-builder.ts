/**
 * Builds the search index (`dir_near`, an SQLite R*Tree) from the HSDS tables: one entry per
 * active service at a location with coordinates. Rebuilt inside the import's transaction, so
 * the index always matches the tables.
 */
import type { Db } from '../../store/database';
import { categoryCode, isCategory } from '../categories';
import { rulesOf, type OpeningRule } from '../time/opening-hours';
import { zoneFor } from '../time/zone';
import { snapToGrid } from './geo';

/**
 * A confidential place (a shelter) is indexed at the centre of its grid cell, about 5.5 km
 * across, never at its real coordinates: distances and radius filters cannot then be used to
 * find it by triangulation.
 */
export const CONFIDENTIAL_CELL_DEG = 0.05;
/** The age range of a service that names none. */
export const MIN_AGE = 0;
export const MAX_AGE = 150;
/** Rows read per batch while rebuilding. */
const BATCH = 10_000;

interface SalRow {
  rid: number;
  id: string;
  service_id: string;
  location_id: string;
  haven_category: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  haven_gender: string | null;
  latitude: number;
  longitude: number;
  haven_confidential_address: number | null;
}

interface ScheduleRow {
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  timezone: string | number | null;
  [column: string]: string | number | null;
}

function group<T>(rows: Iterable<T>, key: (r: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Replace the whole index; returns how many entries it holds. */
export function rebuildSearchIndex(db: Db): number {
  const languages = db.prepare<[], { service_id: string | null; location_id: string | null; code: string }>(
    'SELECT service_id, location_id, code FROM dir_language WHERE code IS NOT NULL',
  ).all();
  const langsByService = group(languages, (l) => l.service_id);
  const langsByLocation = group(languages, (l) => l.location_id);
  const schedules = db.prepare<[], ScheduleRow>('SELECT * FROM dir_schedule ORDER BY id').all();
  const bySal = group(schedules, (s) => s.service_at_location_id);
  const byService = group(schedules, (s) => (s.service_at_location_id === null ? s.service_id : null));
  const byLocation = group(schedules, (s) => (s.service_at_location_id === null && s.service_id === null ? s.location_id : null));

  db.prepare('DELETE FROM dir_near').run();
  const insert = db.prepare(
    `INSERT INTO dir_near (rid, min_lat, max_lat, min_lon, max_lon, min_cat, max_cat, min_age, max_age,
       lat, lon, langs, zone, hours, gender, confidential) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Read in batches: SQLite cannot write while a read on the same connection is still open.
  const batch = db.prepare<[number, number], SalRow>(
    `SELECT sal.rid, sal.id, sal.service_id, sal.location_id, s.haven_category, s.minimum_age, s.maximum_age,
            s.haven_gender, l.latitude, l.longitude, l.haven_confidential_address
       FROM dir_service_at_location sal
       JOIN dir_service s ON s.id = sal.service_id
       JOIN dir_location l ON l.id = sal.location_id
      WHERE sal.rid > ? AND s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
      ORDER BY sal.rid LIMIT ?`,
  );
  let n = 0;
  for (let rows = batch.all(0, BATCH); rows.length > 0; rows = batch.all(rows[rows.length - 1]!.rid, BATCH)) {
    for (const r of rows) {
    const schedule =
      bySal.get(r.id) ??
      (byService.get(r.service_id) ?? []).filter((s) => s.location_id === null || s.location_id === r.location_id);
    const chosen = schedule.length ? schedule : (byLocation.get(r.location_id) ?? []);
    const rules: OpeningRule[] = chosen.flatMap((s) => rulesOf(s));
    const scheduleZone = chosen.find((s) => s.timezone !== null)?.timezone ?? null;
    const zone = zoneFor({ scheduleZone, lat: r.latitude, lon: r.longitude });
    const langs = new Set<string>();
    for (const l of langsByService.get(r.service_id) ?? []) langs.add(l.code);
    for (const l of langsByLocation.get(r.location_id) ?? []) langs.add(l.code);
    const confidential = r.haven_confidential_address === 1;
    const at = confidential ? snapToGrid({ lat: r.latitude, lon: r.longitude }, CONFIDENTIAL_CELL_DEG) : { lat: r.latitude, lon: r.longitude };
    const cat = categoryCode(isCategory(r.haven_category) ? r.haven_category : null);
    const minAge = r.minimum_age ?? MIN_AGE;
    const maxAge = r.maximum_age ?? MAX_AGE;
    insert.run(
      r.rid, at.lat, at.lat, at.lon, at.lon, cat, cat, minAge, maxAge,
      at.lat, at.lon, langs.size ? `,${[...langs].sort().join(',')},` : '', zone,
      rules.length ? JSON.stringify(rules) : null, r.haven_gender, confidential ? 1 : 0,
    );
    n++;
    }
  }
  return n;
}
