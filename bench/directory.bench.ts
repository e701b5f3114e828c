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

/** Towns on land-ish latitudes; sizes vary (a few big cities hold many services). Seeded: the same every run. */
function townsOf(rnd: () => number): { lat: number; lon: number; weight: number }[] {
  return Array.from({ length: TOWNS }, () => ({ lat: rnd() * 110 - 45, lon: rnd() * 340 - 170, weight: rnd() ** 3 }));
}

function build(dir: string): { buildMs: number; indexed: number } {
  const db = openDatabase(dir);
  const store = new DirectoryStore(db);
  const rnd = random(42);
  const towns = townsOf(rnd);
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
  return { buildMs: Date.now() - started, indexed };
}

/**
 * Time each query, as wall-clock time and as the process's CPU time: on a shared machine a
 * query can wait for a core, which the wall clock counts and the CPU time does not. The first
 * WARMUP queries are run unmeasured (page cache, JIT).
 */
function measure(directory: Directory, queries: NearQuery[], details: boolean): { wall: number[]; cpu: number[] } {
  const run = (q: NearQuery) => (details ? directory.nearest(q) : directory.search.find(q));
  for (const q of queries.slice(0, WARMUP)) run(q);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of queries.slice(WARMUP)) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    run(q);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

export const directoryBench: Bench = {
  name: 'directory',
  summary: `five nearest of ${LOCATIONS.toLocaleString('en-US')} service locations, with filters`,
  async run() {
    // HAVEN_BENCH_DIR keeps the built database for later runs (building a million takes minutes).
    const keep = process.env['HAVEN_BENCH_DIR'];
    const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-directory-'));
    const marker = path.join(dir, `built-${LOCATIONS}`);
    try {
      let built = '(reused)';
      if (!fs.existsSync(marker)) {
        const { buildMs } = build(dir);
        fs.writeFileSync(marker, '');
        built = `in ${fmt(buildMs / 1000, 0)} s`;
      }
      const towns = townsOf(random(42));
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
      const chat: NearQuery[] = filtered.map((q) => ({ point: q.point, limit: 5, maxKm: 50, category: q.category!, at }));
      const rows: string[] = [];
      const line = (name: string, m: { wall: number[]; cpu: number[] }) =>
        rows.push(
          `| ${name} | ${fmt(percentile(m.wall, 50), 3)} | ${fmt(percentile(m.wall, 99), 3)} | ${fmt(percentile(m.cpu, 50), 3)} | ${fmt(percentile(m.cpu, 99), 3)} | ${fmt(m.wall[m.wall.length - 1] ?? NaN, 1)} |`,
        );
      line('5 nearest, all filters (category, age, language, open now), within 50 km', measure(directory, filtered, false));
      line('5 nearest in one category, within 50 km (what the chat asks)', measure(directory, chat, false));
      line('5 nearest, no filter, no distance limit', measure(directory, plain, false));
      line('5 nearest, all filters, with the rows for the cards', measure(directory, filtered, true));
      const indexed = db.prepare('SELECT count(*) FROM dir_near_detail').pluck().get() as number;
      db.close();
      return [
        `${indexed.toLocaleString('en-US')} service locations around ${TOWNS.toLocaleString('en-US')} towns, written through the store and the index builder ${built}; ${QUERIES.toLocaleString('en-US')} queries after ${WARMUP.toLocaleString('en-US')} warm-up, one process.`,
        '',
        `Load average while measuring: ${os.loadavg().map((l) => fmt(l, 1)).join(', ')} on ${os.cpus().length} cores.`,
        '',
        '| query | wall p50 ms | wall p99 ms | CPU p50 ms | CPU p99 ms | wall max ms |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        ...rows,
      ].join('\n');
    } finally {
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
