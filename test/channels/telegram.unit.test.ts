/**
 * The Telegram handlers, fast: the real grammY bot and Haven's middleware, with the Bot API
 * answered by a transformer instead of a server (the end-to-end tests use real HTTP).
 */
import type { Bot } from 'grammy';
import { createTelegramBot } from '../../src/channels/telegram/bot';
import { ChatLanguages } from '../../src/channels/telegram/chat-language';
import { readMessage, MAX_TEXT_BYTES } from '../../src/channels/telegram/inbound';
import { RecentMessages, WIPE_WINDOW_MS } from '../../src/channels/telegram/recent-messages';
import { renderOutputs, split } from '../../src/channels/telegram/render';
import { TelegramWords } from '../../src/channels/telegram/words';
import { Conversations, type ServiceFinder } from '../../src/conversation/conversations';
import type { ServiceCard } from '../../src/engine/types';
import { createLogger } from '../../src/server/logger';
import { openDatabase } from '../../src/store/database';
import { SqliteSessions } from '../../src/store/sessions';
import { createEngine } from '../../src/engine/engine';
import { channelContent } from '../support/channel-content';
import { TestClock } from '../support/haven';

const engine = createEngine(channelContent().content);
const words = new TelegramWords(engine.texts);
const t = (lang: string, ns: string, key: string) => engine.texts.render(lang, ns, key, undefined)!;

const shelter: ServiceCard = {
  id: 's1',
  name: 'Safe House Line',
  category: 'shelter',
  distanceKm: 2.4,
  openNow: true,
  hours: null,
  phones: ['+380 44 000 00 00'],
  website: 'https://example.org',
  languages: ['uk'],
  address: null,
  geo: null,
  verified: true,
  lastChecked: '2026-10-01',
  national: false,
};

interface Call {
  method: string;
  payload: any;
}

function harness() {
  const clock = new TestClock();
  const db = openDatabase(':memory:');
  const searched: unknown[] = [];
  const services: ServiceFinder = {
    find(query) {
      searched.push(query);
      return [shelter];
    },
  };
  const conversations = new Conversations({ engine, sessions: new SqliteSessions(db), clock, services });
  const recent = new RecentMessages(db, clock);
  const bot: Bot = createTelegramBot({
    token: '1:x',
    apiRoot: 'http://127.0.0.1:9',
    botInfo: { id: 1, is_bot: true, first_name: 'Bot', username: 'b_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false } as never,
    throttle: false,
    conversations,
    secret: 'unit-test-secret-unit-test-secret-unit',
    words,
    recent,
    languages: new ChatLanguages(),
    log: createLogger('silent'),
  });
  const calls: Call[] = [];
  let nextId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload });
    const result = method === 'sendMessage' ? { message_id: nextId++, date: 0, chat: { id: 1, type: 'private' }, text: '' } : true;
    return { ok: true, result } as never;
  });
  let updateId = 1;
  let messageId = 1;
  const user = { id: 77, is_bot: false, first_name: 'U', language_code: 'uk' };
  const msg = async (fields: Record<string, unknown>, chat: Record<string, unknown> = { id: 77, type: 'private' }) => {
    const from = calls.length;
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: messageId++, date: 0, chat, from: user, ...fields } } as never);
    return calls.slice(from);
  };
  const press = async (message_id: number, data: string) => {
    const from = calls.length;
    await bot.handleUpdate({
      update_id: updateId++,
      callback_query: { id: `cb${updateId}`, from: user, chat_instance: 'c', data, message: { message_id, date: 0, chat: { id: 77, type: 'private' } } },
    } as never);
    return calls.slice(from);
  };
  return { bot, calls, msg, press, clock, recent, searched, db };
}

const sends = (calls: Call[]) => calls.filter((c) => c.method === 'sendMessage');

test('a location question offers a location button and every alternative; a shared point finds services, then the keyboard goes', async () => {
  const h = harness();
  await h.msg({ text: '/start' });
  await h.msg({ text: 'Українська' });
  await h.msg({ text: '1' }); // 13-17
  const ask = sends(await h.msg({ text: '2' })); // menu: find help
  const where = ask[ask.length - 1]!;
  expect(where.payload.text).toBe(t('uk', 'find_help', 'where'));
  expect(where.payload.reply_markup).toEqual({
    keyboard: [[{ text: t('uk', 'telegram', 'share_location'), request_location: true }], [{ text: t('uk', 'find_help', 'skip') }]],
    resize_keyboard: true,
    one_time_keyboard: true,
  });

  const found = sends(await h.msg({ location: { latitude: 50.45, longitude: 30.52 } }));
  expect(h.searched).toHaveLength(1);
  const card = found.find((c) => String(c.payload.text).includes('Safe House Line'))!;
  expect(card.payload.text).toContain('+380 44 000 00 00');
  expect(card.payload.link_preview_options).toEqual({ is_disabled: true });
  expect(found[0]!.payload.reply_markup).toEqual({ remove_keyboard: true });
  expect(found.map((c) => c.payload.text)).toContain(t('uk', 'find_help', 'results'));
});

test('the alternative on the location keyboard is a label the engine understands', async () => {
  const h = harness();
  for (const text of ['/start', 'Українська', '1', '2']) await h.msg({ text });
  const out = sends(await h.msg({ text: t('uk', 'find_help', 'skip') }));
  expect(out.map((c) => c.payload.text)).toContain(t('uk', 'find_help', 'national_note'));
});

test('wipe words work in every language, as a whole message only', async () => {
  const h = harness();
  await h.msg({ text: '/start' });
  const wiped = await h.msg({ text: 'Очистити чат!' });
  expect(wiped.map((c) => c.method)).toEqual(['deleteMessages', 'sendMessage']);
  expect(wiped[0]!.payload.message_ids).toEqual([1, 2, 1000]); // the user's /start, the bot's reply, the wipe word
  const notWiped = await h.msg({ text: 'how do I clear chat history on my phone' });
  expect(notWiped.some((c) => c.method === 'deleteMessages')).toBe(false);
});

test('if a batch delete fails, messages are deleted one by one', async () => {
  const h = harness();
  await h.msg({ text: '/start' });
  let failed = false;
  h.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === 'deleteMessages' && !failed) {
      failed = true;
      return { ok: false, error_code: 400, description: 'Bad Request: message can\'t be deleted' } as never;
    }
    return prev(method, payload, signal);
  });
  const out = await h.msg({ text: '/wipe' });
  expect(out.filter((c) => c.method === 'deleteMessage').map((c) => c.payload.message_id)).toEqual([1, 2, 1000]);
  expect(sends(out)[0]!.payload.text).toBe(t('uk', 'telegram', 'wipe_done'));
});

test('only the last 48 hours are wiped, and older ids are swept away', async () => {
  const h = harness();
  await h.msg({ text: '/start' });
  h.clock.advance(WIPE_WINDOW_MS - 30 * 60_000);
  await h.msg({ text: 'Français' });
  h.clock.advance(31 * 60_000); // the first two ids are now past 48 hours
  expect(h.recent.wipeable(h.db.prepare('SELECT key FROM telegram_recent_messages LIMIT 1').pluck().get() as string)).not.toContain(1);
  expect(h.recent.sweep()).toBe(2);
  const out = await h.msg({ text: '/wipe' });
  const ids = out.find((c) => c.method === 'deleteMessages')!.payload.message_ids as number[];
  expect(ids).not.toContain(1);
  expect(ids).not.toContain(1000);
  expect(ids).toContain(2);
});

test('no text is ever stored with the message ids', async () => {
  const h = harness();
  await h.msg({ text: '/start' });
  await h.msg({ text: 'canary-text-in-the-table' });
  const rows = h.db.prepare('SELECT * FROM telegram_recent_messages').all();
  expect(JSON.stringify(rows)).not.toContain('canary');
  expect(Object.keys(rows[0] as object).sort()).toEqual(['key', 'keyboard', 'message_id', 'sent_at']);
  expect(JSON.stringify(rows)).not.toContain('"77"');
});

test('photos, voice, stickers, documents, video and contacts get the kind reply; nothing is fetched', async () => {
  const h = harness();
  const kinds = [
    { photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }] },
    { voice: { file_id: 'f', file_unique_id: 'u', duration: 1 } },
    { sticker: { file_id: 'f', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } },
    { document: { file_id: 'f', file_unique_id: 'u' } },
    { video: { file_id: 'f', file_unique_id: 'u', width: 1, height: 1, duration: 1 } },
    { contact: { phone_number: '+100', first_name: 'X' } },
  ];
  for (const k of kinds) {
    const out = await h.msg(k);
    expect(out.map((c) => c.method)).toEqual(['sendMessage']);
    expect(out[0]!.payload.text).toBe(t('uk', 'telegram', 'media'));
  }
  expect(h.calls.some((c) => c.method === 'getFile')).toBe(false);
});

test('group, supergroup and channel messages are ignored; a button press there only stops its spinner', async () => {
  const h = harness();
  for (const type of ['group', 'supergroup', 'channel']) expect(await h.msg({ text: '/start' }, { id: -5, type, title: 'g' })).toEqual([]);
  const from = h.calls.length;
  await h.bot.handleUpdate({
    update_id: 99,
    callback_query: { id: 'g1', from: { id: 77, is_bot: false, first_name: 'U' }, chat_instance: 'c', data: 'en', message: { message_id: 3, date: 0, chat: { id: -5, type: 'group', title: 'g' } } },
  } as never);
  expect(h.calls.slice(from).map((c) => c.method)).toEqual(['answerCallbackQuery']);
});

test('a button pressed twice answers once; the second press is told it is no longer active', async () => {
  const h = harness();
  const [pick] = sends(await h.msg({ text: '/start' }));
  void pick;
  const first = await h.press(1000, 'fr');
  expect(first.map((c) => c.method).slice(0, 2)).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup']);
  expect(sends(first).length).toBe(2);
  const second = await h.press(1000, 'fr');
  expect(second.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageReplyMarkup']);
  expect(second[0]!.payload.text).toBe(t('fr', 'telegram', 'stale_button'));
});

test('/delete is the engine\'s: the erase is confirmed in the user\'s language', async () => {
  const h = harness();
  for (const text of ['/start', 'Українська', '1']) await h.msg({ text });
  const erased = sends(await h.msg({ text: '/delete' }));
  expect(erased.map((c) => c.payload.text)).toContain(t('uk', 'delete', 'done'));
});

describe('reading a message', () => {
  const m = (fields: Record<string, unknown>) => ({ message_id: 1, date: 0, chat: { id: 1, type: 'private' as const, first_name: 'a' }, from: { id: 1, is_bot: false, first_name: 'a', language_code: 'ar' }, ...fields });
  test.each([
    ['/start', { kind: 'input', input: { type: 'start', langHint: 'ar' } }],
    ['/start some-deep-link', { kind: 'input', input: { type: 'start', langHint: 'ar' } }],
    ['/SOS@neutral_test_bot', { kind: 'input', input: { type: 'command', name: 'sos', langHint: 'ar' } }],
    ['/wipe', { kind: 'wipe' }],
    ['clear chat', { kind: 'wipe' }],
    ['مسح المحادثة', { kind: 'wipe' }],
    ['hello', { kind: 'input', input: { type: 'text', text: 'hello', langHint: 'ar' } }],
    ['/ not a command', { kind: 'input', input: { type: 'text', text: '/ not a command', langHint: 'ar' } }],
  ])('%s', (text, expected) => {
    expect(readMessage(m({ text }) as never, words)).toEqual(expected);
  });

  test('4 KB of text is taken, one byte more is refused (bytes, not characters)', () => {
    expect(readMessage(m({ text: 'a'.repeat(MAX_TEXT_BYTES) }) as never, words).kind).toBe('input');
    expect(readMessage(m({ text: 'a'.repeat(MAX_TEXT_BYTES + 1) }) as never, words).kind).toBe('too_long');
    expect(readMessage(m({ text: 'я'.repeat(2049) }) as never, words).kind).toBe('too_long');
  });

  test('a venue counts as a location; a poll does not', () => {
    expect(readMessage(m({ venue: { location: { latitude: 1, longitude: 2 }, title: 't', address: 'a' } }) as never, words)).toEqual({
      kind: 'input',
      input: { type: 'location', point: { lat: 1, lon: 2 } },
    });
    expect(readMessage(m({ poll: { id: 'p' } }) as never, words)).toEqual({ kind: 'unsupported' });
  });
});

describe('rendering', () => {
  test('long text is split under 4096 characters at line breaks; the keyboard goes under the last part', () => {
    const text = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const parts = split(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n')).toBe(text);
    const out = renderOutputs([{ kind: 'choice', flow: 'f', node: 'n', text, choices: [{ id: 'a', label: 'A' }], lang: 'en', dir: 'ltr' }], words);
    expect(out[out.length - 1]!.markup).toEqual({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] });
    expect(out.slice(0, -1).every((o) => o.markup === undefined || 'remove_keyboard' in o.markup)).toBe(true);
  });

  test('no service found says so in the user language', () => {
    const out = renderOutputs(
      [{ kind: 'event', flow: 'f', node: 'n', event: { type: 'services', category: null, point: null, place: null, country: null, results: [] }, lang: 'ru', dir: 'ltr' }],
      words,
    );
    expect(out.map((o) => o.text)).toEqual([t('ru', 'cards', 'none')]);
  });
});
