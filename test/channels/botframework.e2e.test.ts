/**
 * Bot Framework end to end over real HTTP: activities are POSTed to /api/messages of a real
 * `haven serve` process running the Agents SDK's CloudAdapter, and the replies arrive at a
 * fake Bot Connector named as each activity's serviceUrl, at
 * /v3/conversations/{id}/activities/{replyToId}.
 */
import { channelContent } from '../support/channel-content';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { startHaven, type HavenProcess } from '../support/haven-process';

const { content, paths } = channelContent();
const texts = content.texts;
const CONTENT = { HAVEN_FLOWS_DIR: paths.flowsDir, HAVEN_LOCALES_DIR: paths.localesDir };
const say = (lang: string, ns: string, key: string) => texts.render(lang, ns, key, undefined)!;

let connector: FakeBotConnector;
let haven: HavenProcess;
let nextId = 1;

beforeAll(async () => {
  connector = new FakeBotConnector();
  await connector.start();
  haven = await startHaven(CONTENT);
});

afterAll(async () => {
  await haven?.stop();
  await connector?.stop();
});

// Canaries: a user name and id that must reach neither the database nor the logs.
const USER = { id: 'dl_canary-user-id-31337', name: 'Canaryname Userson' };

function activity(conversationId: string, fields: Record<string, unknown>) {
  return {
    id: `act-${nextId++}`,
    channelId: 'directline',
    serviceUrl: connector.url,
    conversation: { id: conversationId },
    from: USER,
    recipient: { id: 'haven-bot', name: 'Bot' },
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${haven.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** POST a message and return the replies it caused (the adapter answers after sending them). */
async function send(conversationId: string, fields: Record<string, unknown>) {
  const before = connector.repliesTo(conversationId).length;
  const a = activity(conversationId, { type: 'message', ...fields });
  const res = await post(a);
  expect(res.status).toBe(200);
  const replies = connector.repliesTo(conversationId).slice(before);
  for (const r of replies) expect(r.replyToId).toBe(a.id);
  return replies.map((r) => r.activity);
}

const actions = (a: any): string[] => (a.suggestedActions?.actions ?? []).map((x: any) => x.value);

test('a whole conversation in French: greeting on join, language, a lesson answer by suggested action, emergency', async () => {
  const conv = 'conv-fr-1';
  const joined = activity(conv, { type: 'conversationUpdate', locale: 'fr-FR', membersAdded: [USER, { id: 'haven-bot' }] });
  expect((await post(joined)).status).toBe(200);
  const [greeting] = connector.repliesTo(conv).map((r) => r.activity);
  // A greeting is not a reply: the SDK posts it to the conversation itself.
  expect(connector.repliesTo(conv)[0]!.replyToId).toBeNull();
  expect(greeting.text).toBe(say('fr', 'onboarding', 'choose'));
  expect(actions(greeting)).toEqual(['English', 'Français', 'Español', 'العربية', 'Українська', 'Русский']);
  expect(greeting.suggestedActions.actions[0].type).toBe('imBack');

  const [welcome, who] = await send(conv, { text: 'Français', locale: 'fr-FR' });
  expect(welcome.text).toBe(say('fr', 'onboarding', 'welcome'));
  expect(welcome.locale).toBe('fr');
  expect(actions(who)).toEqual([say('fr', 'onboarding', 'teen'), say('fr', 'onboarding', 'adult')]);

  const [menu] = await send(conv, { text: say('fr', 'onboarding', 'teen'), locale: 'fr-FR' });
  const [q1] = await send(conv, { text: say('fr', 'menu', 'learn'), locale: 'fr-FR' });
  expect(actions(q1)).toEqual([say('fr', 'lesson', 'red_flag'), say('fr', 'lesson', 'looks_ok')]);
  void menu;
  const [right] = await send(conv, { text: say('fr', 'lesson', 'red_flag'), locale: 'fr-FR' });
  expect(right.text).toBe(say('fr', 'lesson', 'q1_right'));

  const emergency = await send(conv, { text: "aidez-moi s'il vous plaît", locale: 'fr-FR' });
  expect(emergency[0].text).toBe(say('fr', 'emergency', 'call_now'));

  // Text over 4 KB is refused and changes nothing: "go back" still returns to the lesson.
  const [tooLong] = await send(conv, { text: 'é'.repeat(2049), locale: 'fr-FR' });
  expect(tooLong.text).toBe(say('fr', 'botframework', 'too_long'));
  const [back] = await send(conv, { text: say('fr', 'emergency', 'back'), locale: 'fr-FR' });
  expect(back.text).toBe(say('fr', 'lesson', 'q2'));
});

test('the language comes from the activity locale', async () => {
  const [pick] = await send('conv-ar', { text: 'مرحبا', locale: 'ar-EG' });
  expect(pick.text).toBe(say('ar', 'onboarding', 'choose'));
});

test('an attachment gets a kind reply and is never fetched', async () => {
  const replies = await send('conv-att', {
    locale: 'uk-UA',
    attachments: [{ contentType: 'image/png', contentUrl: `${connector.url}/attachments/secret-photo.png`, name: 'photo.png' }],
  });
  expect(replies.map((r) => r.text)).toEqual([say('uk', 'botframework', 'media')]);
  expect(connector.otherRequests).toEqual([]);
});

test('a group conversation is ignored', async () => {
  const replies = await send('conv-group', { text: 'help me', conversation: { id: 'conv-group', isGroup: true } });
  expect(replies).toEqual([]);
});

test('bad input: malformed JSON and non-activities are 400, unknown types are ignored, nothing crashes', async () => {
  expect((await post('{"type": "message", "text": ')).status).toBe(400);
  expect((await post('[1,2]')).status).toBe(400);
  expect((await post({ text: 'no type' })).status).toBe(400);
  expect((await post({ type: 'message', text: 'no conversation', serviceUrl: connector.url, from: USER })).status).toBe(400);
  expect((await post({ type: 'message', conversation: { id: 42 }, text: 'x' })).status).toBe(400);
  expect((await post(JSON.stringify(activity('c', { type: 'message', text: 'x'.repeat(300_000) })))).status).toBe(413);
  expect((await post(activity('c', { type: 'message', text: 'x' }), { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
  const before = connector.replies.length;
  expect((await post(activity('conv-odd', { type: 'someFutureType', text: 'hi' }))).status).toBe(200);
  expect((await post(activity('conv-odd', { type: 'typing' }))).status).toBe(200);
  expect((await post(activity('conv-odd', { type: 'event', name: 'webchat/join' }))).status).toBe(200);
  expect(connector.replies.length).toBe(before);
  // Still serving:
  expect((await send('conv-after', { text: 'hello', locale: 'en-US' })).length).toBe(1);
});

test('without a client id, replies may only go to this machine', async () => {
  const res = await post(activity('conv-far', { type: 'message', text: 'hello', serviceUrl: 'https://evil.example.com/' }));
  expect(res.status).toBe(400);
});

test('anonymous mode is announced with a warning at start', () => {
  expect(haven.stdout()).toMatch(/"level":40.*open without authentication/);
});

test('nothing personal reaches the database or the logs', () => {
  const canaries = [USER.id, USER.name, 'aidez-moi', 'مرحبا'];
  for (const file of haven.files()) {
    const bytes = file.toString('latin1');
    for (const c of canaries) expect(bytes.includes(Buffer.from(c, 'utf8').toString('latin1'))).toBe(false);
  }
  const logs = haven.stdout() + haven.stderr();
  for (const c of canaries) expect(logs).not.toContain(c);
});

describe('with a client id configured', () => {
  let secured: HavenProcess;
  beforeAll(async () => {
    secured = await startHaven({
      ...CONTENT,
      MICROSOFT_APP_ID: '8f3b2a51-5d4c-4e0f-9a7e-1c2d3e4f5a6b',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
    });
  });
  afterAll(async () => secured?.stop());

  test('an unauthenticated POST is refused with 401 and nothing is answered', async () => {
    const before = connector.replies.length;
    const a = activity('conv-sec', { type: 'message', text: 'hello' });
    const url = `${secured.url}/api/messages`;
    const none = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
    expect(none.status).toBe(401);
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify(a),
    });
    expect(forged.status).toBe(401);
    const basic = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' }, body: '{' });
    expect(basic.status).toBe(401);
    expect(connector.replies.length).toBe(before);
    expect(secured.stdout()).toContain('JWT authentication on');
  });
});
