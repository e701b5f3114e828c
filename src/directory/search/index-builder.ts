/**
 * Builds the search index from the HSDS tables: for each active service at a location with
 * coordinates, one R*Tree entry (`dir_near`) per language it speaks (so a language filter
 * narrows inside the tree), and one row of details (`dir_near_detail`) read only for the
 * nearest candidates. Rebuilt inside the import's transaction, so the index always matches
 * the tables.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/database';
import { categoryCode, isCategory } from '../categories';
import { rulesOf, type OpeningRule } from '../time/opening-hours';
import { zoneFor } from '../time/zone';
import { indexChanged } from './details';
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
/**
 * Index entries are numbered rid × ENTRIES_PER_PLACE + the language's slot, so the place is
 * found again by division. A service listing more languages than this is indexed under the
 * first ones (alphabetically); its card still lists them all.
 */
export const ENTRIES_PER_PLACE = 64;
/** The language dimension's value for a service that names no language. */
export const NO_LANGUAGE = 0;

export interface IndexEntry {
  rid: number;
  lat: number;
  lon: number;
  /** category code (0: none) */
  category: number;
  minAge: number;
  maxAge: number;
  /** ISO 639 codes spoken */
  codes: readonly string[];
  zone: string;
  /** opening rules as JSON, or null when unknown */
  hours: string | null;
  gender: string | null;
  confidential: boolean;
}

/** Writes index entries; also used by tests that build an index directly. */
export class IndexWriter {
  private readonly entry: Statement;
  private readonly detail: Statement;
  private readonly language: Statement;
  private readonly numbers = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.entry = db.prepare('INSERT INTO dir_near VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.detail = db.prepare('INSERT INTO dir_near_detail VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.language = db.prepare('INSERT INTO dir_near_language VALUES (?, ?)');
  }

  clear(): void {
    this.db.exec('DELETE FROM dir_near; DELETE FROM dir_near_detail; DELETE FROM dir_near_language;');
    this.numbers.clear();
    indexChanged(this.db, { rebuilding: true });
  }

  /** The number a language code has in the index (given on first use). */
  languageNumber(code: string): number {
    let n = this.numbers.get(code);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(code, n);
      this.language.run(code, n);
    }
    return n;
  }

  add(e: IndexEntry): void {
    const codes = [...new Set(e.codes)].sort();
    const slots = codes.length ? codes.slice(0, ENTRIES_PER_PLACE).map((c) => this.languageNumber(c)) : [NO_LANGUAGE];
    slots.forEach((lang, slot) => {
      this.entry.run(e.rid * ENTRIES_PER_PLACE + slot, e.lat, e.lat, e.lon, e.lon, e.category, e.category, e.minAge, e.maxAge, lang, lang);
    });
    this.detail.run(e.rid, e.lat, e.lon, codes.length ? `,${codes.join(',')},` : '', e.zone, e.hours, e.gender, e.confidential ? 1 : 0);
    indexChanged(this.db, { rebuilding: false });
  }
}

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

  const writer = new IndexWriter(db);
  writer.clear();
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
    const codes: string[] = [];
    for (const l of langsByService.get(r.service_id) ?? []) codes.push(l.code);
    for (const l of langsByLocation.get(r.location_id) ?? []) codes.push(l.code);
    const confidential = r.haven_confidential_address === 1;
    const at = confidential ? snapToGrid({ lat: r.latitude, lon: r.longitude }, CONFIDENTIAL_CELL_DEG) : { lat: r.latitude, lon: r.longitude };
    writer.add({
      rid: r.rid,
      lat: at.lat,
      lon: at.lon,
      category: categoryCode(isCategory(r.haven_category) ? r.haven_category : null),
      minAge: r.minimum_age ?? MIN_AGE,
      maxAge: r.maximum_age ?? MAX_AGE,
      codes,
      zone,
      hours: rules.length ? JSON.stringify(rules) : null,
      gender: r.haven_gender,
      confidential,
    });
    n++;
    }
  }
  return n;
}
