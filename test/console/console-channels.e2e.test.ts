/// <reference lib="dom" />
/**
 * The whole warm handoff across channels, end to end: Haven as `haven serve` wires it (real
 * SQLite file, the handoff core, the web chat and Telegram channels, the console) on a random
 * port. A caseworker signs in to the console in Chromium; a person asks for a caseworker on the
 * web chat page in a second browser context, another on Telegram (Haven's real grammY stack
 * long-polling a local fake Bot API). The caseworker sees each request appear, accepts it,
 * exchanges messages with the person on their own channel, and closes it; the people see who
 * answers, the caseworker's words, and the end of the chat.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import type { Channel } from '../../src/channels/channel';
import { channel as telegram } from '../../src/channels/telegram';
import { channel as webchat } from '../../src/channels/webchat';
import { createConsole, type CaseworkerConsole } from '../../src/console';
import { consoleSettings } from '../../src/console/settings';
import { openHaven, type Haven } from '../../src/conversation/open';
import { parseHours } from '../../src/handoff/hours';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { readSettings } from '../../src/server/settings';
import { writeContent } from '../support/content-builder';
import { FakeTelegram, type FakeUser } from '../support/fake-telegram';
import { HANDOFF_CONTENT } from '../support/handoff-content';
import { tempDir } from '../support/tmp';
import { buildWebchatScript } from '../channels/webchat-harness';
import { hasBrowser, launchBrowser } from './console-browser';
import { consoleFiles, consoleInsights, PASSWORD } from './console-harness';

const suite = hasBrowser ? describe : describe.skip;
const TOKEN = '123456:TEST-token_for-the-console';
const ROOT = path.join(__dirname, '..', '..');
const DAY = 24 * 60 * 60 * 1000;

jest.setTimeout(120_000);

let browser: Browser;
let fake: FakeTelegram;
let haven: Haven;
let server: Server;
let base: string;
let desk: CaseworkerConsole;
const channels: Channel[] = [];

const locale = (lng: string, ns: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', lng, `${ns}.json`), 'utf8'));

beforeAll(async () => {
  if (!hasBrowser) return;
  buildWebchatScript();
  fake = new FakeTelegram(TOKEN);
  await fake.start();
  // The handoff core's own test flows, with the shipped words of the web chat, Telegram and the console.
  const content = writeContent({
    flows: HANDOFF_CONTENT.flows,
    locales: Object.fromEntries(
      Object.entries(HANDOFF_CONTENT.locales).map(([lng, ns]) => [lng, { ...ns, webchat: locale(lng, 'webchat'), telegram: locale(lng, 'telegram'), console: locale(lng, 'console') }]),
    ),
  });
  const dataDir = tempDir('haven-console-channels-');
  haven = openHaven({
    dataDir,
    content,
    demoDirectory: false,
    handoff: { hours: parseHours('always'), timeZone: 'UTC', answerMs: 10 * 60_000, retentionMs: 30 * DAY },
  });
  const log = createLogger('warn', new Writable({ write: (_c, _e, done) => done() }));
  const app = createApp({ db: haven.db });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const ctx = { conversations: haven.conversations, secret: 'console-e2e-secret-of-at-least-32-characters', log, dataDir, delivery: haven.delivery };
  const chat = webchat.create(ctx, readSettings(webchat.settings, {}));
  const bot = telegram.create(ctx, readSettings(telegram.settings, { TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url }));
  if (!chat || !bot) throw new Error('a channel did not start');
  for (const c of [chat, bot]) {
    c.mount?.(app);
    channels.push(c);
  }
  desk = createConsole({ db: haven.db, handoffs: haven.handoffs, insights: consoleInsights(haven), texts: haven.engine.texts, log }, readSettings(consoleSettings, {}), { files: consoleFiles() });
  desk.mount(app);
  channels.push(desk);
  for (const c of channels) await c.start?.();
  await desk.deps.accounts.create({ username: 'ana', firstName: 'Ana', role: 'caseworker', roleTitle: 'social worker', password: PASSWORD }, Date.now());
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const c of channels) await c.stop?.();
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  haven?.close();
  await fake?.stop();
});

/** The web chat page: press the button whose choice id is `id`. */
async function choose(page: Page, id: string): Promise<void> {
  await page.locator(`#actions button[value="${id}"]`).click();
}

async function botSaid(page: Page, text: string): Promise<void> {
  await page.locator('#log .msg.bot', { hasText: text }).first().waitFor({ timeout: 20_000 });
}

const person: FakeUser = { id: 5_550_001, first_name: 'Tgperson', language_code: 'en' };
const lastTo = () => fake.sentTo(person.id).at(-1)!;

suite('a caseworker answers people on the web chat and on Telegram', () => {
  test('sign in, a request appears, accept, chat both ways on the person\'s own channel, close', async () => {
    // The caseworker signs in first: with the console open, someone is available.
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const console = await deskContext.newPage();
    await console.goto(`${base}/console`);
    await console.locator('#username').fill('ana');
    await console.locator('#password').fill(PASSWORD);
    await console.locator('#password').press('Enter');
    await console.locator('#queue-count', { hasText: 'Nobody is waiting.' }).waitFor();

    // --- A person on the web chat, in a second browser context.
    const chatContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
    const chat = await chatContext.newPage();
    await chat.goto(`${base}/`);
    await botSaid(chat, 'Who?');
    await choose(chat, 'adult');
    await choose(chat, 'pl');
    await botSaid(chat, 'May we keep what you share with the helper?');
    await choose(chat, 'yes');
    await botSaid(chat, 'This is what I would share:');
    await choose(chat, 'send');
    await botSaid(chat, 'Anything to add in your own words?');
    await chat.locator('#text').fill('My employer took my passport');
    await chat.locator('#text').press('Enter');
    await botSaid(chat, 'You are number 1 in the queue.');

    // The request appears in the console without a reload; open it, accept it.
    const webItem = console.locator('#queue-list .queue-item', { hasText: 'Web chat' });
    await webItem.waitFor({ timeout: 20_000 });
    await webItem.click();
    await console.locator('#summary', { hasText: 'My employer took my passport' }).waitFor();
    await console.locator('#accept').click();
    await botSaid(chat, 'Ana, social worker, has joined the chat. You can write to them now.');

    // Both ways, live.
    await console.locator('#reply').fill('Hello, I am Ana. Are you somewhere safe right now?');
    await console.locator('#reply').press('Enter');
    await botSaid(chat, 'Are you somewhere safe right now?');
    await chat.locator('#text').fill('Yes, at a friend\'s flat');
    await chat.locator('#text').press('Enter');
    await console.locator('#transcript .msg.person', { hasText: 'at a friend\'s flat' }).waitFor({ timeout: 20_000 });

    // --- Meanwhile a person on Telegram asks too.
    await fake.send(person, '/start');
    const who = await fake.until(() => fake.sentTo(person.id).find((m) => m.text === 'Who?'));
    await fake.press(person, who.message_id, 'adult');
    const where = await fake.until(() => fake.sentTo(person.id).find((m) => m.text === 'Where?'));
    await fake.press(person, where.message_id, 'pl');
    const consent = await fake.until(() => fake.sentTo(person.id).find((m) => m.text.includes('May we keep what you share')));
    await fake.press(person, consent.message_id, 'yes');
    const summary = await fake.until(() => fake.sentTo(person.id).find((m) => m.text.startsWith('This is what I would share:')));
    await fake.press(person, summary.message_id, 'send');
    await fake.until(() => fake.sentTo(person.id).find((m) => m.text === 'Anything to add in your own words?'));
    await fake.send(person, 'I am not paid and cannot leave');
    await fake.until(() => fake.sentTo(person.id).find((m) => m.text.startsWith('You are number 1 in the queue')));

    // It appears in the same queue, marked Telegram; the web chat person's chat goes on.
    const tgItem = console.locator('#queue-list .queue-item', { hasText: 'Telegram' });
    await tgItem.waitFor({ timeout: 20_000 });
    await console.locator('#queue-count', { hasText: 'Waiting: 1' }).waitFor();

    // Close the web chat with an outcome: the person is told and the bot carries on.
    await console.locator('input[name="outcome"][value="advice_given"]').check();
    await console.locator('#close-form button[type="submit"]').click();
    await botSaid(chat, 'Ana has ended the chat. Thank you for talking with us.');
    await botSaid(chat, 'The chat has ended.');

    // Now the Telegram person: accept, chat both ways, close.
    await tgItem.click();
    await console.locator('#summary', { hasText: 'I am not paid and cannot leave' }).waitFor();
    await console.locator('#accept').click();
    await fake.until(() => lastTo().text === 'Ana, social worker, has joined the chat. You can write to them now.');
    await console.locator('#reply').fill('Hello, this is Ana. I can help you find a safe place.');
    await console.locator('#reply').press('Enter');
    // on Telegram the caseworker's words come under their first name
    await fake.until(() => lastTo().text === 'Ana: Hello, this is Ana. I can help you find a safe place.');
    await fake.send(person, 'Thank you, please help');
    await console.locator('#transcript .msg.person', { hasText: 'Thank you, please help' }).waitFor({ timeout: 20_000 });
    await console.locator('input[name="outcome"][value="referred"]').check();
    await console.locator('#referred-to').fill('Shelter North');
    await console.locator('#close-form button[type="submit"]').click();
    await fake.until(() => fake.sentTo(person.id).find((m) => m.text === 'Ana has ended the chat. Thank you for talking with us.'));
    await console.locator('#handoff-state', { hasText: 'Shelter North' }).waitFor();

    // The audit log has every step of both, by Ana.
    const steps = desk.deps.audit
      .list({ limit: 100 })
      .filter((e) => e.handoffId)
      .map((e) => e.action)
      .reverse();
    expect(steps.filter((a) => a === 'accept')).toHaveLength(2);
    expect(steps.filter((a) => a === 'close')).toHaveLength(2);
    expect(steps.filter((a) => a === 'write')).toHaveLength(2);
    expect(steps.filter((a) => a === 'open').length).toBeGreaterThanOrEqual(2);
    await chatContext.close();
    await deskContext.close();
  });

  test('the person\'s DELETE during an open chat ends it and erases it; the console says it is gone', async () => {
    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const console = await deskContext.newPage();
    await console.goto(`${base}/console`);
    await console.locator('#username').fill('ana');
    await console.locator('#password').fill(PASSWORD);
    await console.locator('#password').press('Enter');
    await console.locator('#view-queue').waitFor();
    const chatContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
    const chat = await chatContext.newPage();
    await chat.goto(`${base}/`);
    await choose(chat, 'adult');
    await choose(chat, 'de');
    await choose(chat, 'yes');
    await choose(chat, 'send');
    await chat.locator('#text').fill('Please call me, secret canary words');
    await chat.locator('#text').press('Enter');
    await botSaid(chat, 'You are number 1 in the queue.');
    const item = console.locator('#queue-list .queue-item.waiting').first();
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    await console.locator('#accept').click();
    await botSaid(chat, 'Ana, social worker, has joined the chat.');
    const id = desk.deps.audit.list({ limit: 5 }).find((e) => e.action === 'accept')!.handoffId!;
    await chat.locator('#text').fill('delete');
    await chat.locator('#text').press('Enter');
    await console.locator('#status', { hasText: 'This request is no longer available' }).waitFor({ timeout: 20_000 });
    await console.locator('#handoff-empty').waitFor();
    expect(haven.handoffs.get(id)).toBeNull();
    expect(JSON.stringify(haven.db.prepare('SELECT * FROM handoff_messages').all())).not.toContain('canary');
    expect(JSON.stringify(haven.db.prepare('SELECT * FROM handoffs').all())).not.toContain('canary');
    await chatContext.close();
    await deskContext.close();
  });
});
