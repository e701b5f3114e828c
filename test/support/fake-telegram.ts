/**
 * A fake Telegram Bot API server for end-to-end tests: real HTTP, the methods Haven uses,
 * long polling with `getUpdates`, one message-id sequence per chat (as in Telegram), and a
 * record of every call. Tests play the user with `send`, `press`, `sendPhoto`..., and in
 * webhook mode the fake POSTs updates to the webhook the bot registered, as Telegram does.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';

export interface Call {
  method: string;
  payload: Record<string, any>;
}

export interface SentMessage {
  chat_id: number;
  message_id: number;
  text: string;
  reply_markup?: any;
}

export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

export const BOT_USER = { id: 999_000_111, is_bot: true, first_name: 'Neutral Bot', username: 'neutral_test_bot' };

export class FakeTelegram {
  readonly calls: Call[] = [];
  /** bot messages still in their chats (deleted ones are removed) */
  readonly messages = new Map<string, SentMessage>();
  readonly deleted = new Set<string>();
  /** every message the bot sent, in order, deleted or not */
  readonly sent: SentMessage[] = [];
  /** any request for a file path (downloads) */
  readonly fileRequests: string[] = [];
  webhook: { url: string; secret_token?: string } | null = null;
  private server: Server | null = null;
  private queue: any[] = [];
  private waiting: (() => void)[] = [];
  private nextUpdateId = 1;
  private nextMessageId = new Map<number, number>();
  private failures: { method: string; code: number; retryAfter?: number }[] = [];
  private nextCallbackId = 1;
  url = '';

  constructor(readonly token: string) {}

  async start(): Promise<string> {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.all('/file/*path', (req, res) => {
      this.fileRequests.push(req.path);
      res.status(404).end();
    });
    app.post('/bot:token/:method', (req, res) => {
      if (req.params.token !== this.token) return void res.status(401).json({ ok: false, error_code: 401, description: 'Unauthorized' });
      const method = req.params.method;
      const payload = (req.body ?? {}) as Record<string, any>;
      this.calls.push({ method, payload });
      const failure = this.failures.findIndex((f) => f.method === method);
      if (failure >= 0) {
        const f = this.failures.splice(failure, 1)[0]!;
        return void res.status(f.code).json({
          ok: false,
          error_code: f.code,
          description: f.code === 429 ? `Too Many Requests: retry after ${f.retryAfter}` : 'Bad Request',
          ...(f.retryAfter !== undefined ? { parameters: { retry_after: f.retryAfter } } : {}),
        });
      }
      void this.answer(method, payload, req, res);
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const w of this.waiting.splice(0)) w();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** The next call of `method` answers with this error (429 carries retry_after). */
  failNext(method: string, code: number, retryAfter?: number): void {
    this.failures.push({ method, code, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }

  private async answer(method: string, p: Record<string, any>, req: express.Request, res: express.Response): Promise<void> {
    const ok = (result: unknown) => res.json({ ok: true, result });
    switch (method) {
      case 'getMe':
        return void ok(BOT_USER);
      case 'getUpdates': {
        const offset = Number(p.offset ?? 0);
        this.queue = this.queue.filter((u) => u.update_id >= offset);
        if (this.queue.length === 0 && Number(p.timeout ?? 0) > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, Math.min(Number(p.timeout), 2) * 1000);
            req.on('close', done);
            this.waiting.push(done);
            function done() {
              clearTimeout(timer);
              resolve();
            }
          });
        }
        if (res.destroyed) return;
        return void ok(this.queue.slice(0, Number(p.limit ?? 100)));
      }
      case 'sendMessage': {
        const chatId = Number(p.chat_id);
        const m: SentMessage = { chat_id: chatId, message_id: this.allocate(chatId), text: String(p.text), reply_markup: p.reply_markup };
        this.messages.set(`${chatId}:${m.message_id}`, m);
        this.sent.push(m);
        return void ok({ message_id: m.message_id, date: now(), chat: { id: chatId, type: 'private' }, from: BOT_USER, text: m.text });
      }
      case 'editMessageReplyMarkup': {
        const m = this.messages.get(`${p.chat_id}:${p.message_id}`);
        if (!m) return void res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: message to edit not found' });
        if (p.reply_markup) m.reply_markup = p.reply_markup;
        else delete m.reply_markup;
        return void ok(true);
      }
      case 'deleteMessage':
        this.deleted.add(`${p.chat_id}:${p.message_id}`);
        this.messages.delete(`${p.chat_id}:${p.message_id}`);
        return void ok(true);
      case 'deleteMessages':
        for (const id of p.message_ids as number[]) {
          this.deleted.add(`${p.chat_id}:${id}`);
          this.messages.delete(`${p.chat_id}:${id}`);
        }
        return void ok(true);
      case 'answerCallbackQuery':
      case 'setMyCommands':
        return void ok(true);
      case 'setWebhook':
        this.webhook = { url: String(p.url), ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}) };
        return void ok(true);
      case 'deleteWebhook':
        this.webhook = null;
        return void ok(true);
      default:
        return void res.status(404).json({ ok: false, error_code: 404, description: `Not Found: method ${method}` });
    }
  }

  private allocate(chatId: number): number {
    const id = this.nextMessageId.get(chatId) ?? 1;
    this.nextMessageId.set(chatId, id + 1);
    return id;
  }

  // ---- the user's side ---------------------------------------------------------------

  /** Queue an update for getUpdates (or POST it to the webhook when one is set). */
  async push(update: Record<string, unknown>): Promise<number> {
    const full = { update_id: this.nextUpdateId++, ...update };
    if (this.webhook) {
      const res = await postUpdate(this.webhook.url, full, this.webhook.secret_token);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    } else {
      this.queue.push(full);
      for (const w of this.waiting.splice(0)) w();
    }
    return full.update_id;
  }

  /** The user writes in their private chat with the bot; returns the message id. */
  async send(user: FakeUser, fields: Record<string, unknown> | string): Promise<number> {
    const content = typeof fields === 'string' ? { text: fields } : fields;
    const message_id = this.allocate(user.id);
    await this.push({
      message: { message_id, date: now(), chat: { id: user.id, type: 'private', first_name: user.first_name }, from: { is_bot: false, ...user }, ...content },
    });
    return message_id;
  }

  async sendPhoto(user: FakeUser): Promise<number> {
    return this.send(user, {
      photo: [{ file_id: 'AgACAgQAAxkBAAIBfake', file_unique_id: 'AQADfake', width: 90, height: 90, file_size: 1200 }],
      caption: 'look',
    });
  }

  async sendLocation(user: FakeUser, latitude: number, longitude: number): Promise<number> {
    return this.send(user, { location: { latitude, longitude } });
  }

  /** The user presses an inline button under a bot message. */
  async press(user: FakeUser, messageId: number, data: string): Promise<string> {
    const m = this.messages.get(`${user.id}:${messageId}`);
    const id = String(this.nextCallbackId++);
    await this.push({
      callback_query: {
        id,
        from: { is_bot: false, ...user },
        chat_instance: 'ci-1',
        data,
        message: { message_id: messageId, date: now(), chat: { id: user.id, type: 'private' }, from: BOT_USER, text: m?.text ?? '' },
      },
    });
    return id;
  }

  /** A message in a group the bot is a member of. */
  async sendInGroup(groupId: number, user: FakeUser, text: string): Promise<void> {
    await this.push({
      message: { message_id: this.allocate(groupId), date: now(), chat: { id: groupId, type: 'group', title: 'A group' }, from: { is_bot: false, ...user }, text },
    });
  }

  // ---- what the bot did --------------------------------------------------------------

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId);
  }

  /** Bot messages still visible in a chat, oldest first. */
  visible(chatId: number): SentMessage[] {
    return [...this.messages.values()].filter((m) => m.chat_id === chatId).sort((a, b) => a.message_id - b.message_id);
  }

  /** Wait until `check` returns something truthy (polling the record), or fail after `ms`. */
  async until<T>(check: () => T | undefined | null | false, ms = 8000, what = 'the bot'): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Wait until the bot has sent the chat `n` messages after the first `before`, then a little
   * longer to be sure no more follow, and return exactly those.
   */
  async replies(chatId: number, before: number, n: number, settleMs = 150): Promise<SentMessage[]> {
    await this.until(() => this.sentTo(chatId).length >= before + n, 8000, `${n} replies to chat ${chatId}`);
    await new Promise((r) => setTimeout(r, settleMs));
    return this.sentTo(chatId).slice(before);
  }
}

export async function postUpdate(url: string, update: unknown, secret?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}) },
    body: JSON.stringify(update),
  });
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
