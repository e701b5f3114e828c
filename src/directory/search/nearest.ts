/**
 * The N nearest services to a point, exact by great-circle distance, with filters. The R*Tree
 * narrows each round to a box around a circle (and to the category and age asked for, which
 * are index dimensions); exact distances decide. The circle grows until N matches lie inside
 * it, so what comes back is exactly the N nearest, never "some near ones".
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/database';
import { categoryCode, type Category, type Gender } from '../categories';
import { isOpenAt, type OpeningRule } from '../time/opening-hours';
import { localTime, type LocalTime } from '../time/zone';
import { boxesAround, distanceKm, MAX_DISTANCE_KM, type Point } from './geo';

export interface NearQuery {
  point: Point;
  /** how many results at most */
  limit: number;
  /** only within this distance (km); the whole Earth when absent */
  maxKm?: number;
  category?: Category;
  /** the person's age: services whose age range includes it */
  age?: number;
  /** ISO 639 code: services that speak it */
  language?: string;
  /** services for this gender or for everyone */
  gender?: Gender;
  /** only places open at `at` in their own time zone */
  openNow?: boolean;
  /** the instant "open now" refers to (ms since the epoch) */
  at: number;
}

export interface NearHit {
  /** service_at_location rid */
  rid: number;
  distanceKm: number;
  /** open at `at` in the place's zone; null when its hours are unknown */
  openNow: boolean | null;
  zone: string;
  rules: OpeningRule[];
  confidential: boolean;
}

/** rid, lat, lon, zone, hours, confidential: read as arrays (raw), the fastest way out of SQLite. */
type IndexRow = [number, number, number, string, string | null, number];

/** The first search circle (km). */
export const FIRST_RADIUS_KM = 2;
/** Growth of the circle when a round found nothing to estimate the density from. */
const GROWTH = 4;
/** Margin on the density estimate, so the next round usually suffices. */
const ESTIMATE_MARGIN = 1.15;
/** Parsed opening rules, by their stored text (many places share the same hours). */
const RULE_CACHE_LIMIT = 10_000;

export class NearestSearch {
  private readonly statements = new Map<string, Statement<unknown[], IndexRow>>();
  private readonly rules = new Map<string, OpeningRule[]>();

  constructor(private readonly db: Db) {}

  find(q: NearQuery): NearHit[] {
    const limit = Math.max(0, Math.floor(q.limit));
    if (limit === 0) return [];
    const maxKm = Math.min(q.maxKm ?? MAX_DISTANCE_KM, MAX_DISTANCE_KM);
    const { sql, params } = this.filters(q);
    const stmt = this.statement(sql);
    const zones = new Map<string, LocalTime>();
    let radius = Math.min(FIRST_RADIUS_KM, maxKm);
    for (;;) {
      const hits: NearHit[] = [];
      for (const box of boxesAround(q.point, radius)) {
        for (const [rid, lat, lon, zone, hours, confidential] of stmt.iterate(box.minLat, box.maxLat, box.minLon, box.maxLon, ...params)) {
          const d = distanceKm(q.point, { lat, lon });
          if (d > radius) continue;
          const rules = this.parse(hours);
          let local = zones.get(zone);
          if (!local) zones.set(zone, (local = localTime(zone, q.at)));
          const open = isOpenAt(rules, local);
          if (q.openNow && open !== true) continue;
          hits.push({ rid, distanceKm: d, openNow: open, zone, rules, confidential: confidential === 1 });
        }
      }
      if (hits.length >= limit || radius >= maxKm) {
        hits.sort((a, b) => a.distanceKm - b.distanceKm || a.rid - b.rid);
        return hits.slice(0, limit);
      }
      // Matches per area so far predict the circle that holds `limit` of them; never shrink.
      const next = hits.length > 0 ? radius * Math.sqrt(limit / hits.length) * ESTIMATE_MARGIN : radius * GROWTH;
      radius = Math.min(Math.max(next, radius * 1.25), maxKm);
    }
  }

  private filters(q: NearQuery): { sql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.category) {
      const code = categoryCode(q.category);
      where.push('min_cat >= ? AND max_cat <= ?');
      params.push(code, code);
    }
    if (q.age !== undefined) {
      where.push('min_age <= ? AND max_age >= ?');
      params.push(q.age, q.age);
    }
    if (q.language) {
      where.push('instr(langs, ?) > 0');
      params.push(`,${q.language.toLowerCase()},`);
    }
    if (q.gender) {
      where.push('(gender IS NULL OR gender = ?)');
      params.push(q.gender);
    }
    return { sql: where.map((w) => ` AND ${w}`).join(''), params };
  }

  private statement(filters: string): Statement<unknown[], IndexRow> {
    let stmt = this.statements.get(filters);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], IndexRow>(
        `SELECT rid, lat, lon, zone, hours, confidential FROM dir_near
          WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?${filters}`,
      ).raw(true);
      this.statements.set(filters, stmt);
    }
    return stmt;
  }

  private parse(hours: string | null): OpeningRule[] {
    if (hours === null) return [];
    let rules = this.rules.get(hours);
    if (!rules) {
      rules = JSON.parse(hours) as OpeningRule[];
      if (this.rules.size >= RULE_CACHE_LIMIT) this.rules.clear();
      this.rules.set(hours, rules);
    }
    return rules;
  }
}
