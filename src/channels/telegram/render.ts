/**
 * Engine outputs as Telegram messages: choices as inline keyboards (callback data = choice
 * id), a location question as a reply keyboard with a "share my location" button and every
 * alternative beside it, service cards as plain text (Telegram makes phone numbers tappable
 * by itself). Plain text only, no parse mode, so nothing a flow or a card says can break
 * the markup. Pure: the sending happens in `reply.ts`.
 */
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import { cardLines, noCardsText } from '../../conversation/service-card-text';
import type { ChoiceOption, Output, ServiceCard } from '../../engine/types';
import type { TelegramWords } from './words';

/** Telegram's limit for one message's text, in characters. */
export const MAX_MESSAGE_CHARS = 4096;

export interface Outgoing {
  text: string;
  markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
  /** true when the message carries inline buttons that answer the current question */
  buttons: boolean;
}

export function renderOutputs(outputs: readonly Output[], words: TelegramWords): Outgoing[] {
  const out: Outgoing[] = [];
  for (const o of outputs) {
    if (o.kind === 'event') {
      if (o.event?.type === 'services') out.push(...plain(servicesText(o.event.results ?? [], o.lang, words)));
      continue;
    }
    if (!o.text) continue;
    const choices = o.choices ?? [];
    if (o.kind === 'location') {
      out.push(...withMarkup(o.text, locationKeyboard(choices, words.say(o.lang, 'share_location')), false));
    } else if (choices.length > 0) {
      out.push(...withMarkup(o.text, inlineKeyboard(choices), true));
    } else {
      out.push(...plain(o.text));
    }
  }
  // A location question's reply keyboard stays on screen until taken away: do that with the
  // first plain message of a later turn (never one sent before a new location question).
  const newLocation = out.findIndex((m) => m.markup !== undefined && 'keyboard' in m.markup);
  const first = out.findIndex((m, i) => m.markup === undefined && (newLocation < 0 || i < newLocation));
  if (first >= 0) out[first]!.markup = { remove_keyboard: true };
  return out;
}

export function inlineKeyboard(choices: readonly ChoiceOption[]): InlineKeyboardMarkup {
  // One button per row: labels are sentences in some languages and must stay readable at 320 px.
  return { inline_keyboard: choices.map((c) => [{ text: c.label, callback_data: c.id }]) };
}

export function locationKeyboard(alternatives: readonly ChoiceOption[], shareLabel: string): ReplyKeyboardMarkup {
  return {
    keyboard: [[{ text: shareLabel, request_location: true }], ...alternatives.map((c) => [{ text: c.label }])],
    resize_keyboard: true,
    one_time_keyboard: true,
  };
}

function servicesText(cards: readonly ServiceCard[], lang: string, words: TelegramWords): string {
  if (cards.length === 0) return noCardsText(words.texts, lang);
  return cards.map((c) => cardLines(c, words.texts, lang).join('\n')).join('\n\n');
}

function plain(text: string): Outgoing[] {
  return split(text).map((t) => ({ text: t, buttons: false }));
}

/** Long text is sent in parts; the keyboard goes with the last part, under the question. */
function withMarkup(text: string, markup: NonNullable<Outgoing['markup']>, buttons: boolean): Outgoing[] {
  const parts = split(text);
  return parts.map((t, i) => (i === parts.length - 1 ? { text: t, markup, buttons } : { text: t, buttons: false }));
}

/** Split at line breaks, then spaces, so no part exceeds Telegram's limit. */
export function split(text: string, max = MAX_MESSAGE_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
