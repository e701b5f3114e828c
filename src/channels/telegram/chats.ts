/**
 * Private chats on Telegram, one update at a time per chat: messages become engine inputs
 * (or a wipe, or a kind refusal), outputs go back as Telegram messages, and every message id
 * of the last 48 hours is noted for `/wipe`. Updates are never logged: they carry names,
 * usernames and text. Sessions are keyed by `pseudonym(secret, 'telegram', from.id)`.
 */
import type { Api, Context } from 'grammy';
import type { Conversations } from '../../conversation/conversations';
import type { Input, Output } from '../../engine/types';
import { pseudonym } from '../../privacy/pseudonym';
import type { Logger } from '../../server/logger';
import type { ChatLanguages } from './chat-language';
import { readMessage } from './inbound';
import type { RecentMessages } from './recent-messages';
import { renderOutputs, type Outgoing } from './render';
import { wipeChat } from './wipe';
import type { TelegramWords } from './words';

export const CHANNEL = 'telegram';

export interface ChatDeps {
  conversations: Conversations;
  secret: string;
  words: TelegramWords;
  recent: RecentMessages;
  languages: ChatLanguages;
  log: Logger;
}

export function telegramKey(secret: string, userId: number): string {
  return pseudonym(secret, CHANNEL, userId);
}

export class TelegramChats {
  constructor(private readonly d: ChatDeps) {}

  /** A message in a private chat (the caller has checked the chat type). */
  async message(ctx: Context): Promise<void> {
    const message = ctx.message;
    const from = message?.from;
    if (!message || !from || from.is_bot || message.chat.type !== 'private') return;
    const chatId = message.chat.id;
    const key = telegramKey(this.d.secret, from.id);
    this.d.recent.record(key, message.message_id);

    const inbound = readMessage(message, this.d.words);
    switch (inbound.kind) {
      case 'unsupported':
        return this.say(ctx.api, chatId, key, 'media', from.language_code);
      case 'too_long':
        return this.say(ctx.api, chatId, key, 'too_long', from.language_code);
      case 'wipe': {
        const lang = this.lang(key, from.language_code);
        const count = await wipeChat(ctx.api, chatId, key, this.d.recent);
        this.d.log.info({ channel: CHANNEL, deleted: count }, 'chat wiped');
        await this.send(ctx.api, chatId, key, [
          { text: this.d.words.say(lang, 'wipe_done'), markup: { remove_keyboard: true }, buttons: false },
        ]);
        return;
      }
      case 'input':
        return this.turn(ctx.api, chatId, key, inbound.input);
    }
  }

  /** A button pressed under one of our messages in a private chat. */
  async callback(ctx: Context): Promise<void> {
    const query = ctx.callbackQuery;
    const data = query?.data;
    const message = query?.message;
    if (!query || data === undefined || !message || message.chat.type !== 'private') {
      await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const chatId = message.chat.id;
    const key = telegramKey(this.d.secret, query.from.id);
    if (this.d.recent.activeKeyboard(key) !== message.message_id) {
      // An old question's button: it must not answer the current one.
      const lang = this.lang(key, query.from.language_code);
      await ctx.answerCallbackQuery({ text: this.d.words.say(lang, 'stale_button') }).catch(() => undefined);
      await ctx.api.editMessageReplyMarkup(chatId, message.message_id).catch(() => undefined);
      return;
    }
    // Stop the button's spinner at once, while the turn goes on.
    const answered = ctx.answerCallbackQuery().catch(() => undefined);
    await this.turn(ctx.api, chatId, key, { type: 'choice', id: data });
    await answered;
  }

  private async turn(api: Api, chatId: number, key: string, input: Input): Promise<void> {
    // Whatever was asked with buttons before is answered now (by a press or by typing):
    // take those buttons away so they cannot be pressed a second time.
    const active = this.d.recent.activeKeyboard(key);
    let retired: Promise<unknown> = Promise.resolve();
    if (active !== null) {
      this.d.recent.retireKeyboards(key);
      retired = api.editMessageReplyMarkup(chatId, active).catch(() => undefined);
    }
    let outputs: Output[];
    try {
      outputs = this.d.conversations.turn(key, input, { channel: CHANNEL, address: String(chatId) }).outputs;
      // Nothing is said before the turn is on disk, so no answered turn can be lost in a crash.
      await this.d.conversations.committed();
    } catch (e) {
      this.d.log.error({ channel: CHANNEL, err: errorName(e) }, 'conversation turn failed');
      const lang = this.lang(key, 'langHint' in input ? input.langHint : undefined);
      await this.send(api, chatId, key, [{ text: this.d.words.texts.render(lang, 'engine', 'something_wrong', undefined) ?? '…', buttons: false }]);
      await retired;
      return;
    }
    const last = outputs[outputs.length - 1];
    if (outputs.some((o) => o.event?.type === 'erase')) this.d.languages.forget(key);
    else if (last) this.d.languages.set(key, last.lang);
    await this.send(api, chatId, key, renderOutputs(outputs, this.d.words));
    await retired;
  }

  /**
   * Write to a private chat outside a turn (a caseworker's message in a handoff). In a private
   * chat the chat id is the user's id, so the key, and the ids kept for `/wipe`, follow from it.
   */
  async deliver(api: Api, address: string, outputs: Output[]): Promise<void> {
    const chatId = Number(address);
    if (!Number.isSafeInteger(chatId)) throw new Error('not a Telegram chat address');
    const key = telegramKey(this.d.secret, chatId);
    await this.send(api, chatId, key, renderOutputs(outputs, this.d.words));
  }

  private async say(api: Api, chatId: number, key: string, word: string, hint: string | undefined): Promise<void> {
    await this.send(api, chatId, key, [{ text: this.d.words.say(this.lang(key, hint), word), buttons: false }]);
  }

  /** Send in order; each sent id is noted for `/wipe`, and whether it carries live buttons. */
  private async send(api: Api, chatId: number, key: string, messages: readonly Outgoing[]): Promise<void> {
    for (const m of messages) {
      const sent = await api.sendMessage(chatId, m.text, {
        ...(m.markup ? { reply_markup: m.markup } : {}),
        // No previews: a fetched page title could show what this chat is about.
        link_preview_options: { is_disabled: true },
      });
      this.d.recent.record(key, sent.message_id, m.buttons);
    }
  }

  private lang(key: string, hint: string | undefined): string {
    return this.d.languages.get(key) ?? this.d.words.languageFor(hint);
  }
}

/** What kind of error, without its message (which may quote a payload). */
export function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}
