/**
 * Telegram end to end over real HTTP: Haven's real grammY stack (runner, throttler,
 * auto-retry) long-polls a fake Bot API server reached through TELEGRAM_API_ROOT, and a
 * whole conversation is played as a person would, in Ukrainian.
 */
import { channel as telegram } from '../../src/channels/telegram';
import { channelContent } from '../support/channel-content';
import { BOT_USER, FakeTelegram, type FakeUser } from '../support/fake-telegram';
import { startChannel, type RunningHaven } from '../support/channel-haven';

const TOKEN = '123456:TEST-token_for-the-fake';
const { content, paths } = channelContent();
const texts = content.texts;
const uk = (ns: string, key: string) => texts.render('uk', ns, key, undefined)!;

// Canaries: none of these may reach the database or the logs.
const user: FakeUser = { id: 7_311_900_417, first_name: 'Canaryfirstname', username: 'canary_username_x', language_code: 'en' };

let fake: FakeTelegram;
let haven: RunningHaven;

beforeAll(async () => {
  fake = new FakeTelegram(TOKEN);
  await fake.start();
  haven = await startChannel(telegram, { TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url }, { content: paths });
});

afterAll(async () => {
  await haven?.stop();
  await fake?.stop();
});

const buttonsOf = (m: { reply_markup?: any }): string[] =>
  (m.reply_markup?.inline_keyboard ?? []).map((row: any[]) => row[0].callback_data);

test('starts by setting a neutral command list in every language and dropping any webhook', async () => {
  await fake.until(() => fake.callsOf('getUpdates').length > 0, 8000, 'polling');
  expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
  const lists = fake.callsOf('setMyCommands');
  expect(lists.map((c) => c.payload.language_code ?? 'default').sort()).toEqual(['ar', 'default', 'es', 'fr', 'ru', 'uk']);
  const english = lists.find((c) => !c.payload.language_code)!.payload.commands;
  expect(english.map((c: any) => c.command)).toEqual(['start', 'menu', 'sos', 'human', 'language', 'wipe', 'delete', 'stop']);
  for (const c of english) expect(c.description).not.toMatch(/traffick|exploit|abuse/i);
  expect(fake.callsOf('getUpdates')[0]!.payload.allowed_updates).toEqual(['message', 'callback_query']);
});

test('a whole conversation: start, language, a lesson answer by button, emergency in Ukrainian, a photo, a group, too long, /wipe', async () => {
  const chat = user.id;
  let seen = 0;
  const next = async (n: number) => {
    const r = await fake.replies(chat, seen, n);
    seen += r.length;
    return r;
  };

  // /start: the language question, as inline buttons whose data are the choice ids.
  await fake.send(user, '/start');
  const [pick] = await next(1);
  expect(pick!.text).toBe(texts.render('en', 'onboarding', 'choose', undefined));
  expect(buttonsOf(pick!)).toEqual(['en', 'fr', 'es', 'ar', 'uk', 'ru']);

  // Ukrainian by button: the press is answered, its keyboard removed, and Haven speaks Ukrainian.
  const press1 = await fake.press(user, pick!.message_id, 'uk');
  const [welcome, who] = await next(2);
  expect(fake.callsOf('answerCallbackQuery').map((c) => c.payload.callback_query_id)).toContain(press1);
  expect(fake.messages.get(`${chat}:${pick!.message_id}`)!.reply_markup).toBeUndefined();
  expect(welcome!.text).toBe(uk('onboarding', 'welcome'));
  expect(who!.text).toBe(uk('onboarding', 'who'));

  await fake.press(user, who!.message_id, 'age_13_17');
  const [menu] = await next(1);
  expect(buttonsOf(menu!)).toEqual(['learn', 'find_help', 'done']);

  // A lesson question answered with an inline button.
  await fake.press(user, menu!.message_id, 'learn');
  const [q1] = await next(1);
  expect(buttonsOf(q1!)).toEqual(['red_flag', 'ok']);
  await fake.press(user, q1!.message_id, 'red_flag');
  const [right, q2] = await next(2);
  expect(right!.text).toBe(uk('lesson', 'q1_right'));
  expect(buttonsOf(q2!)).toEqual(['red_flag', 'ok']);

  // The old question's button cannot answer the new question.
  const stale = await fake.press(user, q1!.message_id, 'ok');
  await fake.until(() => fake.callsOf('answerCallbackQuery').find((c) => c.payload.callback_query_id === stale));
  const staleAnswer = fake.callsOf('answerCallbackQuery').find((c) => c.payload.callback_query_id === stale)!;
  expect(staleAnswer.payload.text).toBe(uk('telegram', 'stale_button'));
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.sentTo(chat)).toHaveLength(seen);

  // The emergency interrupt, typed in Ukrainian in the middle of the lesson; q2's buttons go.
  await fake.send(user, 'допоможіть мені');
  const emergency = await next(2);
  expect(emergency[0]!.text).toBe(uk('emergency', 'call_now'));
  expect(buttonsOf(emergency[1]!)).toEqual(['back', 'menu']);
  expect(fake.messages.get(`${chat}:${q2!.message_id}`)!.reply_markup).toBeUndefined();

  // A photo: a kind reply in Ukrainian, and the file is never fetched.
  await fake.sendPhoto(user);
  const [kind] = await next(1);
  expect(kind!.text).toBe(uk('telegram', 'media'));
  expect(fake.callsOf('getFile')).toHaveLength(0);
  expect(fake.fileRequests).toHaveLength(0);

  // A message in a group is ignored.
  const group = -100_200_300;
  await fake.sendInGroup(group, user, 'допоможіть мені');
  await new Promise((r) => setTimeout(r, 400));
  expect(fake.sentTo(group)).toHaveLength(0);

  // Text over 4 KB is refused and changes nothing: "back" still resumes the lesson at q2.
  await fake.send(user, 'я'.repeat(2100));
  const [tooLong] = await next(1);
  expect(tooLong!.text).toBe(uk('telegram', 'too_long'));
  await fake.press(user, emergency[1]!.message_id, 'back');
  const [again] = await next(1);
  expect(again!.text).toBe(uk('lesson', 'q2'));

  // /wipe: every message of the chat, both sides, is deleted; one neutral line stays.
  const wipeId = await fake.send(user, '/wipe');
  const [done] = await next(1);
  expect(done!.text).toBe(uk('telegram', 'wipe_done'));
  const deletedIds = fake.callsOf('deleteMessages').flatMap((c) => c.payload.message_ids as number[]);
  const everyEarlierId = Array.from({ length: wipeId }, (_, i) => i + 1);
  expect(deletedIds.sort((a, b) => a - b)).toEqual(everyEarlierId);
  expect(fake.visible(chat).map((m) => m.text)).toEqual([uk('telegram', 'wipe_done')]);
});

test('a flood-limit answer (429 retry_after) is waited out and the message still arrives', async () => {
  const other: FakeUser = { id: 5_550_001, first_name: 'Other', language_code: 'fr' };
  fake.failNext('sendMessage', 429, 1);
  const started = Date.now();
  await fake.send(other, '/start');
  const [pick] = await fake.replies(other.id, 0, 1);
  expect(pick!.text).toBe(texts.render('fr', 'onboarding', 'choose', undefined));
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
});

test('nothing personal reaches the database or the logs', async () => {
  const canaries = [user.first_name, user.username!, String(user.id), 'допоможіть мені', 'Canary'];
  for (const file of haven.files()) {
    const bytes = file.toString('latin1');
    for (const c of canaries) expect(bytes.includes(Buffer.from(c, 'utf8').toString('latin1'))).toBe(false);
  }
  const logs = haven.logs.join('');
  for (const c of canaries) expect(logs).not.toContain(c);
  expect(logs).toContain('chat wiped');
  void BOT_USER;
});
