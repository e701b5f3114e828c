/**
 * Nearest-service search at scale: 1,000,000 service locations (clustered around 2,000
 * towns, as real directories are) written through the directory's own store and index
 * builder into an SQLite file, then the five nearest with every filter at once (category,
 * age, language, open now in each place's own time zone) from points in and between towns.
 * Target: p99 at or under 0.5 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATEGORIES } from '../src/directory/categories';
import { Directory } from '../src/directory/directory';
import { TABLES, type Row, type TableName } from '../src/directory/hsds/tables';
import { openDirectory } from '../src/directory/open';
import { rebuildSearchIndex } from '../src/directory/search/index-builder';
import type { NearQuery } from '../src/directory/search/nearest';
import { DirectoryStore } from '../src/directory/store';
import { createTexts } from '../src/i18n/texts';
import { openDatabase } from '../src/store/database';
import { fmt, percentile, type Bench } from './bench';

const LOCATIONS = Number(process.env['HAVEN_BENCH_LOCATIONS'] ?? 1_000_000);
const TOWNS = 2000;
const QUERIES = 20_000;
const WARMUP = 5000;
const LANGUAGES = ['en', 'uk', 'ru', 'ar', 'pl', 'de', 'es', 'fa', 'fr', 'tr'];
const ZONES_BY_LON = (lon: number) => (lon < -30 ? 'America/Bogota' : lon < 60 ? 'Europe/Warsaw' : 'Asia/Bangkok');

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const gauss = (rnd: () => number) => rnd() + rnd() + rnd() - 1.5;

function build(dir: string): { buildMs: number; indexed: number; towns: { lat: number; lon: number }[] } {
  const db = openDatabase(dir);
  const store = new DirectoryStore(db);
  const rnd = random(42);
  // Towns on land-ish latitudes; sizes vary (a few big cities hold many services).
  const towns = Array.from({ length: TOWNS }, () => ({ lat: rnd() * 110 - 45, lon: rnd() * 340 - 170, weight: rnd() ** 3 }));
  const total = towns.reduce((s, t) => s + t.weight, 0);
  const cumulative: number[] = [];
  towns.reduce((s, t) => (cumulative.push(s + t.weight / total), s + t.weight / total), 0);
  const pickTown = () => {
    const x = rnd();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return towns[lo]!;
  };
  const spec = (name: TableName) => TABLES.find((t) => t.name === name)!;
  const started = Date.now();
  const BATCH = 50_000;
  db.transaction(() => store.upsert(spec('organization'), [{ id: 'org', name: 'Bench organisation' }]))();
  for (let from = 0; from < LOCATIONS; from += BATCH) {
    const rows: Record<string, Row[]> = { service: [], location: [], service_at_location: [], language: [], schedule: [] };
    for (let i = from; i < Math.min(LOCATIONS, from + BATCH); i++) {
      const town = pickTown();
      const lat = Math.max(-89, Math.min(89, town.lat + gauss(rnd) * 0.15));
      const lon = Math.max(-179.9, Math.min(179.9, town.lon + gauss(rnd) * 0.2));
      const youth = rnd() < 0.3;
      rows['service']!.push({ id: `s${i}`, organization_id: 'org', name: `Service ${i}`, status: 'active', haven_category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!, minimum_age: youth ? 12 : null, maximum_age: youth ? 25 : null });
      rows['location']!.push({ id: `l${i}`, location_type: 'physical', latitude: lat, longitude: lon, haven_confidential_address: rnd() < 0.02 ? 1 : 0 });
      rows['service_at_location']!.push({ id: `a${i}`, service_id: `s${i}`, location_id: `l${i}` });
      const spoken = new Set([LANGUAGES[Math.floor(rnd() * LANGUAGES.length)]!, LANGUAGES[Math.floor(rnd() * LANGUAGES.length)]!]);
      for (const code of spoken) rows['language']!.push({ id: `g${i}${code}`, service_id: `s${i}`, code });
      const kind = rnd();
      if (kind < 0.6) rows['schedule']!.push({ id: `h${i}`, service_id: `s${i}`, freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00', timezone: ZONES_BY_LON(lon) });
      else if (kind < 0.75) rows['schedule']!.push({ id: `h${i}`, service_id: `s${i}`, freq: 'WEEKLY', opens_at: '20:00', closes_at: '08:00' });
      else if (kind < 0.9) rows['schedule']!.push({ id: `h${i}`, service_id: `s${i}`, freq: 'WEEKLY', opens_at: '00:00', closes_at: '00:00' });
    }
    db.transaction(() => {
      for (const [name, list] of Object.entries(rows)) store.upsert(spec(name as TableName), list);
    })();
  }
  const indexed = db.transaction(() => rebuildSearchIndex(db))();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { buildMs: Date.now() - started, indexed, towns };
}

/** Time each query; a first, unmeasured pass over the same queries warms the page cache and the JIT. */
function measure(directory: Directory, queries: NearQuery[], details: boolean): number[] {
  const run = (q: NearQuery) => (details ? directory.nearest(q) : directory.search.find(q));
  for (const q of queries.slice(0, WARMUP)) run(q);
  const times: number[] = [];
  for (const q of queries.slice(WARMUP)) {
    const t = process.hrtime.bigint();
    run(q);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

export const directoryBench: Bench = {
  name: 'directory',
  summary: `five nearest of ${LOCATIONS.toLocaleString('en-US')} service locations, with filters`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-directory-'));
    try {
      const { buildMs, indexed, towns } = build(dir);
      const db = openDatabase(dir);
      const { directory } = openDirectory(db, { texts: createTexts([], ['en']), clock: { now: () => Date.now() }, demo: false });
      const rnd = random(7);
      const at = Date.UTC(2026, 10, 23, 12, 0); // a Monday
      const point = () => {
        const t = towns[Math.floor(rnd() * towns.length)]!;
        // Most people search from inside a town, some from between towns.
        const spread = rnd() < 0.8 ? 0.1 : 1.5;
        return { lat: t.lat + gauss(rnd) * spread, lon: Math.max(-180, Math.min(180, t.lon + gauss(rnd) * spread)) };
      };
      const filtered: NearQuery[] = Array.from({ length: QUERIES + WARMUP }, () => ({
        point: point(),
        limit: 5,
        maxKm: 50,
        category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!,
        age: 10 + Math.floor(rnd() * 40),
        language: LANGUAGES[Math.floor(rnd() * LANGUAGES.length)]!,
        openNow: true,
        at,
      }));
      const plain: NearQuery[] = filtered.map((q) => ({ point: q.point, limit: 5, at }));
      const rows: string[] = [];
      const line = (name: string, t: number[]) =>
        rows.push(`| ${name} | ${fmt(percentile(t, 50), 3)} | ${fmt(percentile(t, 90), 3)} | ${fmt(percentile(t, 99), 3)} | ${fmt(t[t.length - 1] ?? NaN, 3)} |`);
      line('5 nearest, all filters (category, age, language, open now), within 50 km', measure(directory, filtered, false));
      line('5 nearest, no filter', measure(directory, plain, false));
      line('5 nearest, all filters, with the rows for the cards', measure(directory, filtered, true));
      db.close();
      return [
        `${indexed.toLocaleString('en-US')} service locations around ${TOWNS.toLocaleString('en-US')} towns, written through the store and the index builder in ${fmt(buildMs / 1000, 0)} s; ${QUERIES.toLocaleString('en-US')} queries after ${WARMUP.toLocaleString('en-US')} warm-up, one process.`,
        '',
        '| query | p50 ms | p90 ms | p99 ms | max ms |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...rows,
      ].join('\n');
    } finally {
      if (!process.env["HAVEN_BENCH_KEEP"]) fs.rmSync(dir, { recursive: true, force: true });
      else process.stderr.write(`kept ${dir}\n`);
    }
  },
};
