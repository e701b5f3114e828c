/**
 * "Find help near me" end to end: the shipped flows with the real directory (the demo), in
 * every language; then the terminal chat as a person would use it; then location privacy:
 * a shared point or typed place is used for the one search and is found nowhere afterwards:
 * not in the session, not in the database file, not in the logs of a running server.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openHaven } from '../../src/conversation/open';
import type { Output, ServiceCard } from '../../src/engine/types';
import { SHIPPED_LANGUAGES, TestClock } from '../support/haven';
import { tmpDir } from './support';

jest.setTimeout(120_000);

const HAVEN = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');
const TYPED: Record<string, string> = { en: 'Kraków', fr: 'Cracovie', es: 'Cracovia', ar: 'كراكوف', uk: 'Краків', ru: 'Краков' };
/** A point nobody else uses, so finding its digits anywhere means it leaked. */
const POINT = { lat: 52.51977, lon: 13.40893 };

const cardsOf = (outputs: Output[]): ServiceCard[] => outputs.flatMap((o) => (o.event?.type === 'services' ? (o.event.results ?? []) : []));

/** Every way the point or the typed words could sit in a file: as text, or as SQLite doubles. */
function traces(file: string, words: string[]): string[] {
  if (!fs.existsSync(file)) return [];
  const bytes = fs.readFileSync(file);
  const found = words.filter((w) => bytes.includes(Buffer.from(w, 'utf8')));
  for (const v of [POINT.lat, POINT.lon]) {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    if (bytes.includes(b)) found.push(`double ${v}`);
  }
  return found;
}

describe('find help, with the demo directory, in every language', () => {
  const dataDir = tmpDir();
  const clock = new TestClock(Date.UTC(2026, 10, 23, 11, 0)); // a Monday, 12:00 in Kraków
  const haven = openHaven({ dataDir, clock, demoDirectory: true });
  afterAll(() => haven.close());

  test.each([...SHIPPED_LANGUAGES])('%s: a typed place, then a shared location', (lang) => {
    const key = `find-help-${lang}`;
    const say = (input: Parameters<typeof haven.conversations.turn>[1]) => haven.conversations.turn(key, input);
    say({ type: 'start', langHint: lang });
    say({ type: 'choice', id: lang });
    say({ type: 'choice', id: 'adult' });
    expect(say({ type: 'choice', id: 'find_help' }).outputs.at(-1)).toMatchObject({ flow: 'find_help', node: 'what' });
    say({ type: 'choice', id: 'legal_aid' });

    const typed = say({ type: 'text', text: TYPED[lang]! });
    const cards = cardsOf(typed.outputs);
    expect(cards.map((c) => c.name)).toEqual(['Legal Aid for Refugees (demo)']);
    expect(cards[0]).toMatchObject({ phones: ['+48 000 000 101'], address: 'ul. Przykładowa 10 (demo), 31-000 Kraków', geo: 'geo:50.06470,19.94500', openNow: true, national: false });
    expect(cards[0]!.hours).toBeTruthy();
    const event = typed.outputs.find((o) => o.event?.type === 'services')!.event!;
    expect(event).toMatchObject({ point: null, place: null });
    expect(typed.outputs.at(-2)).toMatchObject({ flow: 'find_help', node: 'results', lang });

    say({ type: 'choice', id: 'find_help' });
    say({ type: 'choice', id: 'shelter' });
    const shared = say({ type: 'location', point: POINT });
    const shelters = cardsOf(shared.outputs);
    expect(shelters.map((c) => c.name)).toEqual(['Protected Shelter for Women (demo)']);
    expect(shelters[0]).toMatchObject({ address: null, geo: null, distanceKm: null, phones: ['+49 000 000 111'] });

    // Only coarse answers stay in the session: no point, no typed place, no kind of help.
    expect(shared.state.vars).not.toHaveProperty('help_category');
    haven.conversations.flush();
    const stored = JSON.stringify(haven.db.prepare('SELECT state FROM sessions WHERE key = ?').pluck().get(key));
    for (const trace of [TYPED[lang]!, String(POINT.lat), String(POINT.lon), '52.519', '13.408']) expect(stored).not.toContain(trace);
  });

  test('the point and the typed places are nowhere in the database files', () => {
    haven.conversations.flush();
    haven.db.pragma('wal_checkpoint(TRUNCATE)');
    const words = [...Object.values(TYPED).filter((w) => w !== 'Kraków'), String(POINT.lat), String(POINT.lon)];
    for (const f of ['haven.sqlite', 'haven.sqlite-wal']) expect(traces(path.join(dataDir, f), words)).toEqual([]);
  });

  test('picking the country, then the city from the list, keeps only the country and the city', () => {
    const key = 'find-help-list';
    const say = (input: Parameters<typeof haven.conversations.turn>[1]) => haven.conversations.turn(key, input);
    say({ type: 'start', langHint: 'es' });
    say({ type: 'choice', id: 'es' });
    say({ type: 'choice', id: 'adult' });
    say({ type: 'choice', id: 'find_help' });
    say({ type: 'choice', id: 'migration_asylum' });
    const country = say({ type: 'choice', id: 'list' }).outputs.at(-1)!;
    expect(country.choices!.map((c) => c.label)).toEqual(expect.arrayContaining(['Colombia', 'Polonia', 'Alemania', 'Ucrania']));
    const cities = say({ type: 'text', text: 'colombia' }).outputs.at(-1)!;
    expect(cities).toMatchObject({ flow: 'find_help', node: 'city' });
    expect(cities.choices![0]).toEqual({ id: '3688689', label: 'Bogotá' });
    const found = say({ type: 'choice', id: '3688689' });
    expect(cardsOf(found.outputs).map((c) => c.name)).toEqual(['Centro de Atención al Migrante (demo)']);
    expect(found.state.vars).toMatchObject({ country: 'CO', city: '3688689' });
  });
});

describe('the kind of help inferred from where the user came from', () => {
  test('a lesson that sets help_category before calling find_help skips the question', () => {
    const haven = openHaven({ dataDir: ':memory:', clock: new TestClock(Date.UTC(2026, 10, 23, 11, 0)), demoDirectory: true });
    try {
      // As a lesson leaves it: `set: { help_category: anti_trafficking }`, then `call: find_help`.
      haven.conversations.turn('lesson', { type: 'start', langHint: 'en' });
      haven.conversations.flush();
      const session = haven.db.prepare('SELECT state FROM sessions WHERE key = ?').pluck().get('lesson') as string;
      const state = { ...JSON.parse(session), stack: [{ f: 'menu', n: 'main' }, { f: 'find_help', n: 'known_category' }], vars: { help_category: 'anti_trafficking' } };
      haven.db.prepare('UPDATE sessions SET state = ? WHERE key = ?').run(JSON.stringify(state), 'lesson');
      const asked = haven.conversations.turn('lesson', { type: 'text', text: 'ok' }).outputs.at(-1)!;
      expect(asked).toMatchObject({ flow: 'find_help', node: 'where', kind: 'location' });
      const found = haven.conversations.turn('lesson', { type: 'text', text: 'Berlin' });
      expect(cardsOf(found.outputs).map((c) => c.name)).toEqual(['Counselling Against Trafficking and Exploitation (demo)']);
    } finally {
      haven.close();
    }
  });
});

describe('the terminal chat', () => {
  test('haven chat --json: find help near a typed place, cards in the JSON, nothing on stderr', () => {
    const lines = ['/choose en', '/choose adult', '/choose find_help', '/choose anti_trafficking', 'Cracovia', ''];
    const run = spawnSync(process.execPath, [HAVEN, 'chat', '--json', '--lang', 'en'], { input: lines.join('\n'), encoding: 'utf8', env: { ...process.env, HAVEN_LOG_LEVEL: 'debug' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const outputs: Output[] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const services = outputs.find((o) => o.event?.type === 'services')!;
    expect(services.event).toMatchObject({ type: 'services', category: 'anti_trafficking', point: null, place: null });
    expect(cardsOf([services]).map((c) => c.name)).toEqual(['Anti-Trafficking Support Office (demo)']);
    expect(run.stdout).not.toContain('Cracovia');
  });

  test('haven chat: cards printed as text, in the user language', () => {
    const lines = ['/choose fr', '/choose adult', '/choose find_help', '/choose health', '/location 4.58 -74.10', ''];
    const run = spawnSync(process.execPath, [HAVEN, 'chat', '--lang', 'fr'], { input: lines.join('\n'), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const card = run.stdout.slice(run.stdout.indexOf('1. Jornada de Salud Comunitaria (demo)'));
    expect(card).not.toBe('');
    for (const part of ['0,7 km', 'lun.–sam. 7:00–19:00', '+57 000 000 123', 'espagnol', 'Calle Ejemplo # 22-00 (demo), 110111 Bogotá', '2026-11-01']) {
      expect(card).toContain(part);
    }
  });
});

describe('a running server keeps locations out of its logs', () => {
  test('web chat: a shared point and a typed place are searched, and never logged', async () => {
    const dataDir = tmpDir();
    const child = spawn(process.execPath, [HAVEN, 'serve'], {
      env: { ...process.env, PORT: '0', HAVEN_DATA_DIR: dataDir, HAVEN_LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (d) => (logs += d));
    child.stderr.on('data', (d) => (logs += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs}`)), 60_000);
        const check = setInterval(() => {
          const m = /listening on http:\/\/localhost:(\d+)/.exec(logs);
          if (m) {
            clearTimeout(timer);
            clearInterval(check);
            resolve(Number(m[1]));
          }
        }, 100);
      });
      const base = `http://127.0.0.1:${port}/api/webchat`;
      const started = (await (await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ langHint: 'uk' }) })).json()) as { token: string };
      const send = async (input: unknown) => {
        const res = await fetch(`${base}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
          body: JSON.stringify({ input, after: 0 }),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as { messages: { kind: string; cards?: unknown[] }[] };
      };
      for (const id of ['uk', 'adult', 'find_help', 'health']) await send({ type: 'choice', id });
      const near = await send({ type: 'location', point: POINT });
      expect(near.messages.some((m) => m.kind === 'services' && (m.cards?.length ?? 0) > 0)).toBe(true);
      for (const id of ['find_help', 'legal_aid']) await send({ type: 'choice', id });
      const typed = await send({ type: 'text', text: 'Краків' });
      expect(typed.messages.some((m) => m.kind === 'services' && (m.cards?.length ?? 0) > 0)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(logs).toContain('listening');
    for (const trace of ['52.519', '13.408', 'Краків']) expect(logs).not.toContain(trace);
    const words = ['Краків', String(POINT.lat), String(POINT.lon)];
    for (const f of ['haven.sqlite', 'haven.sqlite-wal']) expect(traces(path.join(dataDir, f), words)).toEqual([]);
  });
});
