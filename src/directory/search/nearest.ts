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
import { PlaceDetails } from './details';
import { ENTRIES_PER_PLACE } from './index-builder';

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

/** A candidate from the index: its entry id and its point as the R*Tree stores it (32-bit floats). */
type BoxRow = [number, number, number, number, number];

/** The first search circle (km). */
export const FIRST_RADIUS_KM = 2;
/** Growth of the circle when a round found nothing to estimate the density from. */
const GROWTH = 2;
/** Margin on the density estimate, so the next round usually suffices. */
const ESTIMATE_MARGIN = 1.15;
/**
 * The index keeps coordinates as 32-bit floats (within 2 m of the real point); a candidate's
 * distance from them is trusted to this margin, and the exact coordinates decide.
 */
const FLOAT_MARGIN_KM = 0.01;
/** How far inside the usual final radius a search starts (a ratio). */
const START_INSIDE = 2;
/** Weight of each new query in the running average of final radii. */
const LEARNING_RATE = 0.05;
/** Parsed opening rules, by their stored text (many places share the same hours). */
const RULE_CACHE_LIMIT = 10_000;

export class NearestSearch {
  private readonly statements = new Map<string, Statement<unknown[], BoxRow>>();
  private readonly details: PlaceDetails;
  private readonly rules = new Map<string, OpeningRule[]>();
  private readonly languageNumber: Statement<[string], number>;
  /** Per kind of query (which filters), a running average of log(final radius): where to start next time. */
  private readonly typicalRadius = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.details = new PlaceDetails(db);
    this.languageNumber = db.prepare<[string], number>('SELECT n FROM dir_near_language WHERE code = ?').pluck();
  }

  find(q: NearQuery): NearHit[] {
    const limit = Math.max(0, Math.floor(q.limit));
    if (limit === 0) return [];
    const maxKm = Math.min(q.maxKm ?? MAX_DISTANCE_KM, MAX_DISTANCE_KM);
    this.details.refresh();
    const filters = this.filters(q);
    if (!filters) return []; // a language nobody in the directory speaks
    const stmt = this.statement(filters.sql);
    const params = filters.params;
    const zones = new Map<string, LocalTime>();
    /** candidates already read in full this query: the hit, or null when a filter refused it */
    const seen = new Map<number, NearHit | null>();

    const examine = (rid: number): NearHit | null => {
      if (seen.has(rid)) return seen.get(rid) ?? null;
      let hit: NearHit | null = null;
      const d = this.details.get(rid);
      if (d && (!q.gender || d.gender === null || d.gender === q.gender)) {
        const rules = this.parse(d.hours);
        let local = zones.get(d.zone);
        if (!local) zones.set(d.zone, (local = localTime(d.zone, q.at)));
        const open = isOpenAt(rules, local);
        if (!q.openNow || open === true) {
          hit = { rid, distanceKm: distanceKm(q.point, d), openNow: open, zone: d.zone, rules, confidential: d.confidential };
        }
      }
      seen.set(rid, hit);
      return hit;
    };

    // Start a little inside the radius that queries like this one usually needed: fewer rounds.
    const kind = `${filters.sql}|${q.openNow === true}|${q.gender ?? ''}`;
    const typical = this.typicalRadius.get(kind);
    let radius = Math.min(typical === undefined ? FIRST_RADIUS_KM : Math.max(FIRST_RADIUS_KM, Math.exp(typical) / START_INSIDE), maxKm);
    const learn = (final: number) => {
      const log = Math.log(Math.max(final, FIRST_RADIUS_KM));
      this.typicalRadius.set(kind, typical === undefined ? log : typical + (log - typical) * LEARNING_RATE);
    };
    for (;;) {
      // Candidates in the boxes, nearest first by their stored (approximate) position. Each round
      // reads the whole box again: one query per round costs less than four strips around the last.
      const candidates: { rid: number; approx: number }[] = [];
      const listed = new Set<number>(); // a place has one entry per language
      for (const box of boxesAround(q.point, radius)) {
        // all() rather than iterate(): several times faster per row in better-sqlite3.
        for (const [id, minLat, maxLat, minLon, maxLon] of stmt.all(box.minLat, box.maxLat, box.minLon, box.maxLon, ...params)) {
          const rid = Math.floor(id / ENTRIES_PER_PLACE);
          if (listed.has(rid)) continue;
          listed.add(rid);
          const approx = distanceKm(q.point, { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 });
          if (approx - FLOAT_MARGIN_KM <= radius) candidates.push({ rid, approx });
        }
      }
      candidates.sort((a, b) => a.approx - b.approx);
      const hits: NearHit[] = [];
      for (const c of candidates) {
        // Once `limit` hits are known, a candidate that cannot be nearer than the last one ends the search.
        if (hits.length >= limit && c.approx - FLOAT_MARGIN_KM > hits[hits.length - 1]!.distanceKm) break;
        const hit = examine(c.rid);
        if (!hit || hit.distanceKm > radius) continue;
        hits.push(hit);
        hits.sort((a, b) => a.distanceKm - b.distanceKm || a.rid - b.rid);
        if (hits.length > limit) hits.pop();
      }
      if (hits.length >= limit || radius >= maxKm) {
        learn(hits.length ? hits[hits.length - 1]!.distanceKm : radius);
        return hits;
      }
      // Matches per area so far predict the circle that holds `limit` of them; never shrink.
      const next = hits.length > 0 ? radius * Math.sqrt(limit / hits.length) * ESTIMATE_MARGIN : radius * GROWTH;
      radius = Math.min(Math.max(next, radius * 1.25), maxKm);
    }
  }

  /** Conditions on the index's dimensions; null when the query can match nothing. */
  private filters(q: NearQuery): { sql: string; params: unknown[] } | null {
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
      const n = this.languageNumber.get(q.language.toLowerCase());
      if (n === undefined) return null;
      where.push('min_lang >= ? AND max_lang <= ?');
      params.push(n, n);
    }
    return { sql: where.map((w) => ` AND ${w}`).join(''), params };
  }

  private statement(filters: string): Statement<unknown[], BoxRow> {
    let stmt = this.statements.get(filters);
    if (!stmt) {
      // Only index columns here: reading the auxiliary columns costs, so they are read per candidate, nearest first.
      stmt = this.db
        .prepare<unknown[], BoxRow>(
          `SELECT id, min_lat, max_lat, min_lon, max_lon FROM dir_near
            WHERE min_lat >= ? AND max_lat <= ? AND min_lon >= ? AND max_lon <= ?${filters}`,
        )
        .raw(true);
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
