/**
 * The canary test. One real `haven serve` process with every channel (web chat over its HTTP
 * API, Telegram against a local fake Bot API, Bot Framework against a local connector). Unique
 * canary strings go in as user ids, names, usernames, message texts and coordinates; then the
 * SQLite file, its -wal and -shm files and the captured log are scanned. Without consent: no
 * canary anywhere. With the handoff consent: the person's words only in the handoff tables.
 * After DELETE: none again.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE } from '../../src/store/database';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { FakeTelegram } from '../support/fake-telegram';
import { startHaven, type HavenProcess } from '../support/haven-process';

const TOKEN = '123456:canary-test-token';
const TG_USER = { id: 5550123987, first_name: 'Canaryfirstname', last_name: 'Canarylastname', username: 'canary_username_x', language_code: 'en' };
const BF_USER = { id: 'canary-bf-user-id-4242', name: 'Canarybf Fullname' };
const CANARIES = [
  String(TG_USER.id),
  TG_USER.first_name,
  TG_USER.last_name,
  TG_USER.username,
  BF_USER.id,
  BF_USER.name,
  'canary-tg-text-8811',
  'canary-web-text-8812',
  'canary-bf-text-8813',
  '48.123456',
  '24.654321',
  '50.111222',
  '19.333444',
];
const CONSENTED = 'canary-consented-words-9901';

let telegram: FakeTelegram;
let connector: FakeBotConnector;
let haven: HavenProcess;

beforeAll(async () => {
  telegram = new FakeTelegram(TOKEN);
  await telegram.start();
  connector = new FakeBotConnector();
  await connector.start();
  haven = await startHaven({ TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url, HAVEN_HANDOFF_HOURS: 'always' });
}, 30_000);

afterAll(async () => {
  await haven?.stop();
  await telegram?.stop();
  await connector?.stop();
});

/** Every canary found in the database files or the log, with where. */
function found(canaries: readonly string[]): string[] {
  const hits: string[] = [];
  haven.files().forEach((bytes, i) => {
    for (const c of canaries) if (bytes.includes(c)) hits.push(`${['db', 'wal', 'shm'][i]}: ${c}`);
  });
  const log = haven.stdout() + haven.stderr();
  for (const c of canaries) if (log.includes(c)) hits.push(`log: ${c}`);
  return hits;
}

async function webchat(pathname: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${haven.url}/api/webchat${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.status === 204 ? null : res.json();
}

let bfId = 1;
async function botframework(text: string | undefined, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${haven.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `a-${bfId++}`,
      type: 'message',
      channelId: 'directline',
      serviceUrl: connector.url,
      conversation: { id: 'canary-conversation' },
      from: BF_USER,
      recipient: { id: 'haven-bot' },
      locale: 'en-US',
      ...(text === undefined ? {} : { text }),
      ...extra,
    }),
  });
  expect(res.status).toBe(200);
}

test('without consent, no canary reaches the database files or the log, on any channel', async () => {
  // Telegram: names, username, id, free text, a shared location
  await telegram.send(TG_USER, '/start');
  await telegram.until(() => telegram.sentTo(TG_USER.id).length > 0);
  await telegram.send(TG_USER, 'canary-tg-text-8811');
  await telegram.sendLocation(TG_USER, 48.123456, 24.654321);
  await telegram.until(() => telegram.sentTo(TG_USER.id).length > 2);

  // Web chat: free text and coordinates
  const start = await webchat('/session', null, { langHint: 'en' });
  const token: string = start.token;
  await webchat('/messages', token, { input: { type: 'text', text: 'canary-web-text-8812' } });
  await webchat('/messages', token, { input: { type: 'location', point: { lat: 50.111222, lon: 19.333444 } } });

  // Bot Framework: the user's id and name, and free text
  await botframework('hello');
  await botframework('canary-bf-text-8813');

  // everything is on disk (the server replies only after committing)
  expect(found(CANARIES)).toEqual([]);
});

test('with the handoff consent the words are kept only in the handoff tables, and DELETE removes them', async () => {
  const start = await webchat('/session', null, { langHint: 'en' });
  const token: string = start.token;
  for (const id of ['en', 'adult', 'person', 'yes', 'send']) await webchat('/messages', token, { input: { type: 'choice', id } });
  await webchat('/messages', token, { input: { type: 'text', text: CONSENTED } });

  // read the database as it is on disk, table by table
  const db = new Database(path.join(haven.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const holding = tables.filter((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all()).includes(CONSENTED));
  db.close();
  expect(holding).toEqual(['handoffs']);
  expect(found([CONSENTED]).filter((h) => h.startsWith('log'))).toEqual([]);

  await webchat('/messages', token, { input: { type: 'text', text: 'DELETE' } });
  expect(found([CONSENTED, ...CANARIES])).toEqual([]);
});
