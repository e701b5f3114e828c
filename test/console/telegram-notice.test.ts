/**
 * The optional notice to a caseworkers' Telegram group: one message per new waiting request,
 * "(urgent)" for an emergency, nothing about the person (no language, country, words or id),
 * through the Bot API (a local fake here). Without a chat id, nothing is sent.
 */
import { FakeTelegram } from '../support/fake-telegram';
import { startConsoleServer, type ConsoleServer } from './console-harness';

const TOKEN = '123456:TEST-token_for-console';
let s: ConsoleServer;
let telegram: FakeTelegram;

beforeEach(async () => {
  telegram = new FakeTelegram(TOKEN);
  await telegram.start();
});
afterEach(async () => {
  await s?.stop();
  await telegram.stop();
});

async function until(check: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('each new waiting request is announced once to the group, without any detail', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_TELEGRAM_CHAT_ID: '-1001234567890', TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url });
  s.waitingPerson('p1', { message: 'Anna from Lviv, my passport was taken' });
  await until(() => telegram.sent.length === 1);
  s.waitingPerson('p2', { lang: 'ar' });
  s.turn('p2', { type: 'text', text: 'help me' });
  await until(() => telegram.sent.length === 2);
  // the emergency raised p2 to urgent after its first notice: no second notice for the same request
  await new Promise((r) => setTimeout(r, 200));
  expect(telegram.sent.map((m) => [m.chat_id, m.text])).toEqual([
    [-1001234567890, 'A new request is waiting in the console.'],
    [-1001234567890, 'A new request is waiting in the console.'],
  ]);
  const calls = JSON.stringify(telegram.calls);
  for (const detail of ['Anna', 'Lviv', 'passport', '"ar"', 'pl', 'adult']) expect(calls).not.toContain(detail);
  expect(Object.keys(telegram.calls[0]!.payload).sort()).toEqual(['chat_id', 'text']);
});

test('an urgent request says so', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_TELEGRAM_CHAT_ID: '-100200', TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url });
  // a request made from inside the emergency flow is urgent from the start
  s.haven.handoffs.request('u2', { type: 'handoff', action: 'request', topic: null, share: {}, signs: [], message: null, stored: false, urgent: true }, 'en', { channel: 'test', address: 'addr-u2' });
  await until(() => telegram.sent.length === 1);
  expect(telegram.sent[0]!.text).toBe('A new request is waiting in the console (urgent).');
});

test('a failing Bot API is logged without the token and changes nothing for the person', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_TELEGRAM_CHAT_ID: '-100200', TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url });
  telegram.failNext('sendMessage', 400);
  s.waitingPerson('p1');
  await until(() => s.logs.some((l) => l.includes('Telegram group notice')));
  expect(s.logs.join('')).not.toContain(TOKEN);
  expect(s.haven.handoffs.list({ id: 'x', firstName: 'x', role: 'supervisor', roleTitle: 'x' })).toHaveLength(1);
});

test('without a chat id nothing is sent', async () => {
  s = await startConsoleServer({ TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.url });
  s.waitingPerson('p1');
  await new Promise((r) => setTimeout(r, 200));
  expect(telegram.calls).toEqual([]);
});
