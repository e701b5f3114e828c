/** GET /api/services over a real HTTP server: proximity, filters, pages, rate limit, no confidential places revealed. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { importHsdsSync } from '../../src/directory/hsds/import';
import { mountServicesApi } from '../../src/directory/api/services-api';
import { createApp } from '../../src/server/app';
import { openDatabase } from '../../src/store/database';
import { TestClock } from '../support/haven';
import { confidentialSecrets, DEMO_DIR } from './support';

async function listen(app: express.Express): Promise<{ server: Server; get: (q: string) => Promise<{ status: number; body: any; headers: Headers }> }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    get: async (q) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/services${q}`);
      return { status: res.status, body: await res.json(), headers: res.headers };
    },
  };
}

describe('GET /api/services', () => {
  const db = openDatabase(':memory:');
  importHsdsSync(db, DEMO_DIR);
  const clock = new TestClock(Date.UTC(2026, 10, 23, 11, 0)); // Monday 12:00 in Berlin
  let api: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    const app = express();
    mountServicesApi(app, { db, perMinute: 1000, clock });
    api = await listen(app);
  });
  afterAll(() => api.server.close());

  const BERLIN = '?lat=52.52&lon=13.405';

  test('services near a point, nearest first, HSDS-shaped', async () => {
    const { status, body } = await api.get(`${BERLIN}&radius=20`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total_items: 9, page_number: 1, first_page: true, last_page: true, empty: false });
    const first = body.contents[0];
    expect(first).toMatchObject({
      id: 'demo-berlin-legal-sal',
      service: { id: 'demo-berlin-legal-svc', name: 'Asylum and Residence Law Advice (demo)', status: 'active', organization: { id: 'demo-berlin-legal-org' } },
      location: { id: 'demo-berlin-legal-loc', latitude: 52.52, longitude: 13.405, addresses: [{ city: 'Berlin', country: 'DE' }] },
      distance: 0,
      open_now: true,
      haven: { category: 'legal_aid', verified: false, confidential_address: false, time_zone: 'Europe/Berlin' },
    });
    expect(first.service.phones).toEqual([expect.objectContaining({ number: '+49 000 000 110' })]);
    expect(first.service.schedules[0]).toMatchObject({ byday: 'MO,WE', opens_at: '10:00', closes_at: '16:00' });
    const distances = body.contents.filter((c: any) => c.distance !== null).map((c: any) => c.distance);
    expect(distances).toEqual([...distances].sort((a: number, b: number) => a - b));
  });

  test('filters: category, age, language, open now', async () => {
    const names = async (q: string) => (await api.get(`${BERLIN}&radius=20${q}`)).body.contents.map((c: any) => c.service.name);
    expect(await names('&category=mental_health')).toEqual(['Psychosocial Support for Refugees (demo)', 'Youth Crisis Drop-in (demo)']);
    expect(await names('&category=mental_health&age=30')).toEqual(['Psychosocial Support for Refugees (demo)']);
    expect(await names('&language=fa')).toEqual(['Asylum and Residence Law Advice (demo)', 'Psychosocial Support for Refugees (demo)']);
    const open = await names('&open_now=true');
    expect(open).not.toContain('Health Care for People Without Insurance (demo)'); // Tue and Thu only
    expect(open).toContain('Arrival Centre Help Desk (demo)');
    expect(await names('&category=shelter&gender=male')).toEqual([]);
  });

  test('pages', async () => {
    const all = (await api.get(`${BERLIN}&radius=20`)).body.contents.map((c: any) => c.id);
    const page2 = (await api.get(`${BERLIN}&radius=20&per_page=4&page=2`)).body;
    expect(page2).toMatchObject({ total_items: 9, total_pages: 3, page_number: 2, size: 4, first_page: false, last_page: false });
    expect(page2.contents.map((c: any) => c.id)).toEqual(all.slice(4, 8));
    const beyond = (await api.get(`${BERLIN}&radius=20&per_page=4&page=9`)).body;
    expect(beyond).toMatchObject({ size: 0, empty: true, last_page: true });
  });

  test('the radius bounds the search', async () => {
    expect((await api.get(`${BERLIN}&radius=1`)).body.total_items).toBeLessThan(9);
    expect((await api.get('?lat=50.06&lon=19.94&radius=200')).body.contents.every((c: any) => c.id.startsWith('demo-krakow'))).toBe(true);
  });

  test('bad queries get a 400 naming the parameter', async () => {
    expect(await api.get('?lon=13.4')).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringContaining('lat') } } });
    expect((await api.get(`${BERLIN}&radius=5000`)).body.error.message).toBe('radius must be at most 200');
    expect((await api.get(`${BERLIN}&category=spa`)).body.error.message).toMatch(/^category: must be one of: emergency, child_helpline/);
    expect((await api.get(`${BERLIN}&colour=red`)).body.error.message).toBe('unknown parameter: colour');
  });

  test('confidential places: listed with their phone, never their address, coordinates or distance', async () => {
    for (const q of ['?lat=50.06&lon=19.94&radius=50', `${BERLIN}&radius=50`, '?lat=4.62&lon=-74.07&radius=50']) {
      const { body } = await api.get(`${q}&category=shelter`);
      expect(body.contents.length).toBeGreaterThan(0);
      for (const c of body.contents) {
        expect(c.haven.confidential_address).toBe(true);
        expect(c.location).toMatchObject({ latitude: null, longitude: null, addresses: [] });
        expect(c.distance).toBeNull();
        expect(c.service.phones.length).toBeGreaterThan(0);
      }
      const text = JSON.stringify(body);
      for (const secret of confidentialSecrets()) expect(text).not.toContain(secret);
    }
  });
});

describe('rate limit and mounting', () => {
  test('per IP address, with Retry-After', async () => {
    const app = express();
    mountServicesApi(app, { db: openDatabase(':memory:'), perMinute: 3 });
    const api = await listen(app);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await api.get('?lat=1&lon=1')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await api.get('?lat=1&lon=1');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.body.error.code).toBe('rate_limited');
    } finally {
      api.server.close();
    }
  });

  test('the Haven app serves it', async () => {
    const db = openDatabase(':memory:');
    importHsdsSync(db, DEMO_DIR);
    const api = await listen(createApp({ db }));
    try {
      const { status, body } = await api.get('?lat=4.61&lon=-74.08&radius=30&category=legal_aid');
      expect(status).toBe(200);
      expect(body.contents.map((c: any) => c.service.name)).toEqual(['Consultorio Jurídico para Migrantes (demo)']);
    } finally {
      api.server.close();
    }
  });
});
