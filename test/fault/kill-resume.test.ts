/**
 * `kill -9` in the middle of a load (the bounded CI run of `npm run load -- --kill-at`): web
 * chat users talking, some of them consenting to the handoff; Telegram chats through the real
 * webhook. After a restart on the same data folder: the database passes
 * `PRAGMA integrity_check`, every consent that was on disk before the kill is still there,
 * every turn a user had an answer to is on disk, and conversations carry on where they were:
 * Telegram chats through the channel itself, web chat sessions at the question last asked.
 */
import { checkAfterCrash, checkResume, limitTexts, snapshotConsents, type ConsentRow } from '../../bench/load-checks';
import { runLoad, sleep, type LoadResult } from '../../bench/load-client';
import { freePort, startServer } from '../../bench/load-server';
import { FakeTelegram, type FakeUser } from '../support/fake-telegram';
import { shippedContent } from '../support/haven';
import { tempDir } from '../support/tmp';

const SECRET = 'kill-test-pseudonym-secret-of-at-least-32-characters';
const TOKEN = '123456:FAKE-kill-test-token';
const WEBHOOK_SECRET = 'kill-test-webhook-secret';
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'ru'];

const buttonsOf = (m: { reply_markup?: { inline_keyboard?: { callback_data: string }[][] } }): string[] =>
  (m.reply_markup?.inline_keyboard ?? []).flatMap((row) => row.map((b) => b.callback_data));

test('kill -9 under load, restart: database whole, consents kept, answered turns on disk, conversations resume', async () => {
  const telegram = new FakeTelegram(TOKEN);
  await telegram.start();
  const port = await freePort();
  const dataDir = tempDir('haven-kill-');
  const env = {
    PORT: String(port),
    HAVEN_DATA_DIR: dataDir,
    HAVEN_PSEUDONYM_SECRET: SECRET,
    HAVEN_SESSION_MESSAGES_PER_MINUTE: '600',
    HAVEN_SESSION_MESSAGE_BURST: '100',
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  let server = await startServer(env);
  try {
    await telegram.until(() => telegram.webhook, 8000, 'the webhook');

    // Telegram chats: each starts, picks a language by button and stops at the next question.
    const chats: { user: FakeUser; lang: string; question: { message_id: number; buttons: string[] } }[] = [];
    for (let i = 0; i < 6; i++) {
      const user: FakeUser = { id: 880_000_000 + i, first_name: 'Tester', language_code: 'en' };
      await telegram.send(user, '/start');
      const [pick] = await telegram.replies(user.id, 0, 1);
      const lang = LANGUAGES[i] ?? 'en';
      await telegram.press(user, pick?.message_id ?? 0, lang);
      const sent = await telegram.until(() => {
        const all = telegram.sentTo(user.id);
        const last = all[all.length - 1];
        return all.length >= 3 && last && buttonsOf(last).length ? last : null;
      });
      chats.push({ user, lang, question: { message_id: sent.message_id, buttons: buttonsOf(sent) } });
    }

    // Web chat load; some users say yes to every consent and ask for a person now and then.
    const stop = new AbortController();
    const slowDownTexts = limitTexts();
    const loads: Promise<LoadResult>[] = [
      runLoad({ url: server.url, users: 60, seconds: 60, thinkMs: [80, 300], rampMs: 300, avoid: /^(delete|decline|no)$/, signal: stop.signal, slowDownTexts }),
      runLoad({
        url: server.url,
        users: 30,
        seconds: 60,
        thinkMs: [80, 300],
        rampMs: 300,
        avoid: /^(delete|decline|no|under_13|age_13_17)$/,
        prefer: ['yes', 'adult', 'parent'],
        command: { name: 'human', every: 4 },
        signal: stop.signal,
        slowDownTexts,
      }),
    ];
    // Kill once the load is in full swing: some consents given (when the flows ask for any), and turns going on.
    const hasConsentNode = [...shippedContent().flows.values()].some((f) => Object.values(f.nodes).some((n) => n.kind === 'consent'));
    await sleep(3000);
    for (let waited = 0; hasConsentNode && snapshotConsents(dataDir).length < 5 && waited < 30_000; waited += 250) await sleep(250);

    // What a second connection reads as committed just before the kill must all be there after it.
    const consentsBefore: ConsentRow[] = snapshotConsents(dataDir);
    server.child.kill('SIGKILL');
    stop.abort();
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const users = (await Promise.all(loads)).flatMap((l) => l.users);

    server = await startServer(env);
    const report = checkAfterCrash({ dataDir, secret: SECRET, ttlMs: 30 * 60_000, users, consentsBefore });
    expect(report.integrity).toBe('ok');
    if (hasConsentNode) expect(report.consentsBefore).toBeGreaterThan(0);
    expect(report.consentsMissing).toBe(0);
    expect(report.usersChecked).toBeGreaterThan(50);
    expect(report.sessionsMissing).toBe(0);
    expect(report.sessionsStale).toBe(0);

    // Telegram: pressing a button of the question asked before the crash carries on in the chat's language.
    for (const c of chats) {
      const before = telegram.sentTo(c.user.id).length;
      await telegram.press(c.user, c.question.message_id, c.question.buttons[0] ?? '');
      const [reply] = await telegram.replies(c.user.id, before, 1);
      expect(reply?.text).toBeTruthy();
      expect(buttonsOf(reply ?? {})).not.toEqual(LANGUAGES); // not the first question again: not started afresh
      expect(reply?.text).not.toBe(shippedContent().texts.render(c.lang, 'engine', 'not_understood', undefined)); // the button was understood
    }

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });

    // Web chat: the stored conversation stands at the question last asked, and goes on from there.
    const resume = checkResume({ dataDir, secret: SECRET, users, sample: 40 });
    expect(resume.checked).toBeGreaterThan(10);
    expect(resume.resumed).toBe(resume.checked);
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await telegram.stop();
  }
}, 120_000);
