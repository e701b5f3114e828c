/**
 * Telegram webhook mode over real HTTP: Haven registers its webhook with the secret at the
 * fake Bot API server, which then POSTs updates to it as Telegram does. A missing or wrong
 * secret is 403; malformed JSON is 400; unknown update types are ignored; none of it breaks
 * the next real message.
 */
import { channel as telegram } from '../../src/channels/telegram';
import { WEBHOOK_SECRET_PATTERN } from '../../src/channels/telegram/settings';
import { channelContent } from '../support/channel-content';
import { FakeTelegram, postUpdate, type FakeUser } from '../support/fake-telegram';
import { startChannel, type RunningHaven } from '../support/channel-haven';

const TOKEN = '123456:TEST-token_for-the-fake';
const SECRET = 'right_secret-of-the-hook';
const { content, paths } = channelContent();
const texts = content.texts;
const user: FakeUser = { id: 42_000_001, first_name: 'Hook', language_code: 'es' };

let fake: FakeTelegram;
let haven: RunningHaven;
let hook: string;

beforeAll(async () => {
  fake = new FakeTelegram(TOKEN);
  await fake.start();
  haven = await startChannel(telegram, (url) => ({
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    TELEGRAM_WEBHOOK_URL: (hook = `${url}/telegram/hook`),
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  }), { content: paths });
  // start() connects in the background; the webhook is registered shortly after.
  await fake.until(() => fake.webhook, 8000, 'setWebhook');
});

afterAll(async () => {
  await haven?.stop();
  await fake?.stop();
});

const message = (text: string, id = 1) => ({
  update_id: 900 + id,
  message: { message_id: 500 + id, date: 1, chat: { id: user.id, type: 'private' }, from: { is_bot: false, ...user }, text },
});

test('registers the webhook with its secret and never polls', () => {
  expect(fake.webhook).toEqual({ url: hook, secret_token: SECRET });
  expect(fake.callsOf('setWebhook')[0]!.payload.allowed_updates).toEqual(['message', 'callback_query']);
  expect(fake.callsOf('getUpdates')).toHaveLength(0);
});

test('an update with the right secret is answered, in the language of the Telegram app', async () => {
  await fake.send(user, '/start');
  const [pick] = await fake.replies(user.id, 0, 1);
  expect(pick!.text).toBe(texts.render('es', 'onboarding', 'choose', undefined));
});

test('a missing or wrong secret gets 403 and is not handled', async () => {
  const before = fake.sentTo(user.id).length;
  expect((await postUpdate(hook, message('/start', 2))).status).toBe(403);
  expect((await postUpdate(hook, message('/start', 3), 'wrong_secret')).status).toBe(403);
  expect((await postUpdate(hook, message('/start', 4), SECRET.slice(0, -1))).status).toBe(403);
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.sentTo(user.id)).toHaveLength(before);
});

test('malformed JSON is 400, a body that is not an update is 400, too large is 413, an unknown charset 415', async () => {
  const post = (body: string) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body });
  expect((await post('{"update_id": 7, "message": {')).status).toBe(400);
  expect((await post('[1,2,3]')).status).toBe(400);
  expect((await post('{"hello":"world"}')).status).toBe(400);
  expect((await post(JSON.stringify({ update_id: 8, message: { text: 'x'.repeat(300_000) } }))).status).toBe(413);
  // a charset the parser cannot read is the sender's mistake: 415 (from the server's own limits), not a 500 Telegram would retry
  const latin = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1', 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: '{"update_id": 9}' });
  expect(latin.status).toBe(415);
  expect((await latin.json()).error.code).toBe('unsupported_media_type');
});

test('unknown update types are ignored, and the next real message still works', async () => {
  const before = fake.sentTo(user.id).length;
  expect((await postUpdate(hook, { update_id: 10, poll: { id: 'p', question: 'q', options: [] } }, SECRET)).status).toBe(200);
  expect((await postUpdate(hook, { update_id: 11, some_future_update: { x: 1 } }, SECRET)).status).toBe(200);
  expect(
    (await postUpdate(hook, { update_id: 12, edited_message: { message_id: 1, date: 1, chat: { id: user.id, type: 'private' }, text: 'x' } }, SECRET))
      .status,
  ).toBe(200);
  expect((await postUpdate(hook, message('menu', 13), SECRET)).status).toBe(200);
  const replies = await fake.replies(user.id, before, 1);
  expect(replies.length).toBeGreaterThan(0);
  expect(haven.logs.join('')).not.toContain('Hook');
});

test('without a configured secret a random one is made and registered', async () => {
  const other = new FakeTelegram(TOKEN);
  await other.start();
  const h = await startChannel(telegram, (url) => ({ TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: other.url, TELEGRAM_WEBHOOK_URL: `${url}/tg` }), { content: paths });
  try {
    await other.until(() => other.webhook, 8000, 'setWebhook');
    expect(other.webhook?.secret_token).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(other.webhook!.secret_token!.length).toBeGreaterThanOrEqual(32);
    expect((await postUpdate(`${h.url}/tg`, message('/start', 20))).status).toBe(403);
    await other.send(user, '/start');
    await other.replies(user.id, 0, 1);
  } finally {
    await h.stop();
    await other.stop();
  }
});

test('a bad webhook secret in the settings stops start-up with the variable named', async () => {
  const { readSettings, ConfigError } = await import('../../src/server/settings');
  const bad = () =>
    readSettings(telegram.settings, { TELEGRAM_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.example/h', TELEGRAM_WEBHOOK_SECRET: 'has spaces!' });
  expect(bad).toThrow(ConfigError);
  expect(bad).toThrow(/TELEGRAM_WEBHOOK_SECRET=\(hidden\): must be 1-256 characters/);
});

test('an unreachable Bot API does not hold up start-up, and stopping is clean', async () => {
  const t0 = Date.now();
  const h = await startChannel(telegram, { TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }, { content: paths });
  expect(Date.now() - t0).toBeLessThan(3000);
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  await h.stop();
});
