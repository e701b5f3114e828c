/** Nearest search: exact, by great-circle distance, with filters; checked against a brute-force scan. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATEGORIES, categoryCode, type Category } from '../../src/directory/categories';
import { boxesAround, distanceKm, MAX_DISTANCE_KM } from '../../src/directory/search/geo';
import { IndexWriter } from '../../src/directory/search/index-builder';
import { NearestSearch, type NearQuery } from '../../src/directory/search/nearest';
import { isOpenAt, type OpeningRule } from '../../src/directory/time/opening-hours';
import { localTime } from '../../src/directory/time/zone';
import { openDatabase } from '../../src/store/database';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Entry {
  rid: number;
  lat: number;
  lon: number;
  category: Category;
  minAge: number;
  maxAge: number;
  langs: string[];
  zone: string;
  rules: OpeningRule[];
}

const ZONES = ['Europe/Warsaw', 'America/Bogota', 'Asia/Tokyo', 'Pacific/Auckland', 'UTC', '+05:30'];
const LANGS = ['en', 'uk', 'ar', 'pl', 'es'];
const HOURS: OpeningRule[][] = [[], [{ d: 0b11111, o: 540, c: 1020 }], [{ d: 0b1111111, o: 1320, c: 360 }], [{ d: 0b1111111, o: 0, c: 1440 }]];

function build(n: number, seed: number, cluster: boolean) {
  const rnd = random(seed);
  const db = openDatabase(':memory:');
  const writer = new IndexWriter(db);
  const entries: Entry[] = [];
  db.transaction(() => {
    for (let rid = 1; rid <= n; rid++) {
      // Clustered near a few places (including both sides of the antimeridian and near a pole) or all over.
      const centre = [[50.06, 19.94], [4.61, -74.08], [-16.5, 179.9], [-16.5, -179.9], [88.5, 10]][rid % 5]!;
      const lat = cluster ? Math.max(-90, Math.min(90, centre[0]! + (rnd() - 0.5) * 3)) : Math.asin(2 * rnd() - 1) * (180 / Math.PI);
      let lon = cluster ? centre[1]! + (rnd() - 0.5) * 3 : rnd() * 360 - 180;
      if (lon > 180) lon -= 360;
      if (lon < -180) lon += 360;
      const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
      const young = rnd() < 0.3;
      const langs = LANGS.filter(() => rnd() < 0.4);
      const e: Entry = { rid, lat, lon, category, minAge: young ? 10 : 0, maxAge: young ? 18 : 150, langs, zone: ZONES[rid % ZONES.length]!, rules: HOURS[rid % HOURS.length]! };
      entries.push(e);
      writer.add({ rid, lat, lon, category: categoryCode(category), minAge: e.minAge, maxAge: e.maxAge, codes: langs, zone: e.zone, hours: e.rules.length ? JSON.stringify(e.rules) : null, gender: null, confidential: false });
    }
  })();
  return { db, entries, rnd };
}

function bruteForce(entries: Entry[], q: NearQuery): { rid: number; d: number }[] {
  return entries
    .filter((e) => !q.category || e.category === q.category)
    .filter((e) => q.age === undefined || (e.minAge <= q.age && q.age <= e.maxAge))
    .filter((e) => !q.language || e.langs.includes(q.language))
    .filter((e) => !q.openNow || isOpenAt(e.rules, localTime(e.zone, q.at)) === true)
    .map((e) => ({ rid: e.rid, d: distanceKm(q.point, e) }))
    .filter((h) => q.maxKm === undefined || h.d <= q.maxKm)
    .sort((a, b) => a.d - b.d || a.rid - b.rid)
    .slice(0, q.limit);
}

describe.each([
  ['clustered', true, 11],
  ['spread over the globe', false, 12],
])('nearest search over %s random data matches a brute-force scan', (_name, cluster, seed) => {
  const { db, entries, rnd } = build(4000, seed, cluster);
  const search = new NearestSearch(db);
  const at = Date.UTC(2026, 10, 23, 21, 30);

  test.each(Array.from({ length: 60 }, (_, i) => i))('query %i', () => {
    const near = entries[Math.floor(rnd() * entries.length)]!;
    const point = rnd() < 0.7 ? { lat: near.lat + (rnd() - 0.5) * 0.5, lon: Math.max(-180, Math.min(180, near.lon + (rnd() - 0.5) * 0.5)) } : { lat: rnd() * 180 - 90, lon: rnd() * 360 - 180 };
    const q: NearQuery = {
      point,
      limit: 1 + Math.floor(rnd() * 8),
      at,
      ...(rnd() < 0.6 ? { category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]! } : {}),
      ...(rnd() < 0.4 ? { age: Math.floor(rnd() * 30) } : {}),
      ...(rnd() < 0.4 ? { language: LANGS[Math.floor(rnd() * LANGS.length)]! } : {}),
      ...(rnd() < 0.4 ? { openNow: true } : {}),
      ...(rnd() < 0.5 ? { maxKm: 5 + rnd() * 400 } : {}),
    };
    const got = search.find(q).map((h) => ({ rid: h.rid, d: h.distanceKm }));
    const want = bruteForce(entries, q);
    expect(got.map((h) => h.rid)).toEqual(want.map((h) => h.rid));
    got.forEach((h, i) => expect(h.d).toBeCloseTo(want[i]!.d, 9));
  });
});

describe('geometry', () => {
  test('haversine distances', () => {
    expect(distanceKm({ lat: 50.0614, lon: 19.9366 }, { lat: 52.52437, lon: 13.41053 })).toBeCloseTo(529.73, 2); // Kraków-Berlin, by the spherical law of cosines
    expect(distanceKm({ lat: 0, lon: 179.9 }, { lat: 0, lon: -179.9 })).toBeCloseTo(22.24, 1);
    expect(distanceKm({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(MAX_DISTANCE_KM, 6);
  });

  test('boxes split at the antimeridian and open at the poles', () => {
    expect(boxesAround({ lat: 0, lon: 179.95 }, 20)).toHaveLength(2);
    const polar = boxesAround({ lat: 89.9, lon: 0 }, 50);
    expect(polar).toEqual([expect.objectContaining({ minLon: -180, maxLon: 180, maxLat: 90 })]);
  });

  test('a point just inside the circle at the edge of the box is found', () => {
    const { db } = build(0, 1, true);
    const d = 10 / 111.195; // 10 km north, in degrees
    new IndexWriter(db).add({ rid: 1, lat: 50 + d * 0.99999, lon: 10, category: 1, minAge: 0, maxAge: 150, codes: [], zone: 'UTC', hours: null, gender: null, confidential: false });
    const hits = new NearestSearch(db).find({ point: { lat: 50, lon: 10 }, limit: 1, maxKm: 10, at: 0 });
    expect(hits.map((h) => h.rid)).toEqual([1]);
  });
});

describe('the details held in memory follow the database', () => {
  test('an import by another connection is seen; writes to other tables cause no reload', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-near-'));
    const server = openDatabase(dir);
    const other = openDatabase(dir);
    const search = new NearestSearch(server);
    const q: NearQuery = { point: { lat: 50, lon: 10 }, limit: 1, at: 0 };
    expect(search.find(q)).toEqual([]);
    other.transaction(() => {
      const writer = new IndexWriter(other);
      writer.clear();
      writer.add({ rid: 7, lat: 50.01, lon: 10, category: 1, minAge: 0, maxAge: 150, codes: ['uk'], zone: 'UTC', hours: null, gender: null, confidential: false });
    })();
    expect(search.find(q).map((h) => h.rid)).toEqual([7]);
    const reads = jest.spyOn(server, 'prepare');
    other.prepare("INSERT INTO sessions (key, state, expires_at) VALUES ('k', '{}', 0)").run();
    expect(search.find(q).map((h) => h.rid)).toEqual([7]);
    expect(reads.mock.calls.map((c) => String(c[0])).filter((sql) => sql.includes('dir_near_detail'))).toEqual([]);
    other.close();
    server.close();
  });
});
