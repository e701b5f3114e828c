/**
 * Telegram throughput: updates per second through grammY, Haven's Telegram middleware and
 * the engine, with every turn's session and message ids committed to a real SQLite file,
 * against a bare grammY handler (echo the text; answer a press and reply) fed the same
 * updates in the same run. Updates go in through `bot.handleUpdate`, as the runner hands
 * over each update it fetched; both bots call a Bot API over real HTTP (keep-alive), served
 * by a minimal fake in a worker thread so it does not eat this thread's time. Haven makes
 * more calls per update than the echo (answer the press, take the old buttons away, 2-3
 * messages), which is part of what is measured. The flood-limit throttler is left out of
 * both: its job is to hold replies to Telegram's limits, which would make any figure here
 * the limit itself.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Bot, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createTelegramBot } from '../src/channels/telegram/bot';
import { ChatLanguages } from '../src/channels/telegram/chat-language';
import { RecentMessages } from '../src/channels/telegram/recent-messages';
import { TelegramWords } from '../src/channels/telegram/words';
import { openHaven } from '../src/conversation/open';
import { createLogger } from '../src/server/logger';
import { openDatabase } from '../src/store/database';
import { fmt, percentile, type Bench } from './bench';

/** Chats talking at once (each chat's updates one after another, as the runner keeps them). */
const CHATS = 64;
const WARM_UP_MS = 1_000;
const MEASURE_MS = 5_000;
const BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Bench',
  username: 'bench_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/**
 * What each chat does: /start, then press the first button of the latest question, for ever
 * (the first language, then through the menu's first entry and its lessons, round and round),
 * so the workload follows whatever the shipped flows ask.
 */
interface Keyboard {
  messageId: number;
  first: string;
}

interface Run {
  updates: number;
  seconds: number;
  latenciesMs: number[];
}

// ---- the Bot API (worker thread) ------------------------------------------------------------

if (!isMainThread && (workerData as { telegramApi?: boolean } | undefined)?.telegramApi) {
  let messageId = 1_000_000;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop();
      let result: unknown = true;
      if (method === 'sendMessage') {
        const p = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chat_id: number };
        result = { message_id: messageId++, date: 0, chat: { id: p.chat_id, type: 'private' }, text: '' };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => parentPort!.postMessage((server.address() as AddressInfo).port));
}

async function startApi(): Promise<{ root: string; stop(): Promise<number> }> {
  const worker = new Worker(__filename, { workerData: { telegramApi: true } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { root: `http://127.0.0.1:${port}`, stop: () => worker.terminate() };
}

/** Notes each chat's latest inline keyboard, so the next press can be made under it. */
function watchKeyboards(keyboards: Map<number, Keyboard>): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    const p = payload as { chat_id?: number; reply_markup?: { inline_keyboard?: { callback_data?: string }[][] } };
    const first = p.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data;
    if (method === 'sendMessage' && res.ok && first && p.chat_id !== undefined) {
      keyboards.set(p.chat_id, { messageId: (res.result as { message_id: number }).message_id, first });
    }
    return res;
  };
}

async function drive(bot: Bot, keyboards: Map<number, Keyboard>): Promise<Run> {
  let updateId = 1;
  let counting = false;
  let stop = false;
  let updates = 0;
  const latencies: number[] = [];
  const start = (chat: number): Update => ({
    update_id: updateId++,
    message: { message_id: 1, date: 0, chat: { id: chat, type: 'private', first_name: 'U' }, from: { id: chat, is_bot: false, first_name: 'U', language_code: 'en' }, text: '/start' },
  });
  const press = (chat: number): Update => {
    const k = keyboards.get(chat) ?? { messageId: 1, first: 'x' };
    return {
      update_id: updateId++,
      callback_query: {
        id: String(updateId),
        from: { id: chat, is_bot: false, first_name: 'U', language_code: 'en' },
        chat_instance: 'c',
        data: k.first,
        message: { message_id: k.messageId, date: 0, chat: { id: chat, type: 'private', first_name: 'U' } },
      },
    } as Update;
  };
  async function chat(id: number): Promise<void> {
    await bot.handleUpdate(start(id));
    while (!stop) {
      const t0 = performance.now();
      await bot.handleUpdate(press(id));
      if (counting) {
        updates++;
        latencies.push(performance.now() - t0);
      }
      // Updates arrive by I/O in real life; let timers run between them.
      await new Promise((r) => setImmediate(r));
    }
  }
  const chats = Array.from({ length: CHATS }, (_, i) => chat(10_000 + i));
  await sleep(WARM_UP_MS);
  counting = true;
  const t0 = performance.now();
  await sleep(MEASURE_MS);
  counting = false;
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(chats);
  return { updates, seconds, latenciesMs: latencies.sort((a, b) => a - b) };
}

function bareBot(root: string, keyboards: Map<number, Keyboard>): Bot {
  // grammY keeps HTTP connections alive by default, for both bots alike.
  const bot = new Bot('1:bench', { botInfo: BOT_INFO, client: { apiRoot: root } });
  bot.api.config.use(watchKeyboards(keyboards));
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bot.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.callbackQuery.data, { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'x' }]] } });
  });
  return bot;
}

function havenBot(root: string, dataDir: string, keyboards: Map<number, Keyboard>): { bot: Bot; close(): void } {
  const haven = openHaven({ dataDir });
  const db = openDatabase(dataDir); // the channel's own connection, as in `haven serve`
  const bot = createTelegramBot({
    token: '1:bench',
    apiRoot: root,
    botInfo: BOT_INFO,
    throttle: false,
    conversations: haven.conversations,
    secret: 'telegram-bench-secret-of-at-least-32-characters',
    words: new TelegramWords(haven.engine.texts),
    recent: new RecentMessages(db, haven.conversations.clock),
    languages: new ChatLanguages(),
    log: createLogger('silent'),
  });
  bot.api.config.use(watchKeyboards(keyboards));
  return {
    bot,
    close() {
      db.close();
      haven.close();
    },
  };
}

export const telegramBench: Bench = {
  name: 'telegram',
  summary: `Telegram updates/s through grammY + Haven (SQLite) vs a bare grammY handler, ${CHATS} chats`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-telegram-'));
    const api = await startApi();
    try {
      const bareKeyboards = new Map<number, Keyboard>();
      const bare = await drive(bareBot(api.root, bareKeyboards), bareKeyboards);
      const keyboards = new Map<number, Keyboard>();
      const h = havenBot(api.root, dir, keyboards);
      const haven = await drive(h.bot, keyboards);
      h.close();
      const rate = (r: Run) => r.updates / r.seconds;
      const row = (name: string, r: Run) =>
        `| ${name} | ${fmt(rate(r))} | ${fmt(percentile(r.latenciesMs, 50), 2)} | ${fmt(percentile(r.latenciesMs, 99), 2)} |`;
      return [
        '| handler | updates/s | p50 ms | p99 ms |',
        '| --- | ---: | ---: | ---: |',
        row('bare grammY (echo)', bare),
        row('Haven (engine + SQLite)', haven),
        '',
        `Ratio Haven / bare: **${fmt(rate(haven) / rate(bare), 2)}** (target 0.3 or more). ${CHATS} chats at once, ${MEASURE_MS / 1000} s measured after ${WARM_UP_MS / 1000} s warm-up.`,
      ].join('\n');
    } finally {
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
